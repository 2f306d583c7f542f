package org.gantry.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SinkRef;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.apache.pekko.util.ByteString;
import org.gantry.api.protocol.identity.CommandSignature;
import org.gantry.api.protocol.objects.DownloadReply;
import org.gantry.api.protocol.objects.ObjectCommand;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.api.protocol.objects.UploadReply;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message that crosses JVMs goes through Pekko's serializer as bound in this module's
 * reference.conf and comes back equal: the control plane and its agents run in separate JVMs,
 * where a message that cannot be read back is silently lost.
 */
class ProtocolSerializationTest {
    private static ActorTestKit testKit;
    private static SerializationTestKit serialization;
    private static TestProbe<AgentEvent> control;
    private static TestProbe<AgentCommand> agent;
    private static TestProbe<LogChunk> logs;
    private static TestProbe<UploadReply> uploads;
    private static TestProbe<DownloadReply> downloads;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create();
        serialization = new SerializationTestKit(testKit.system());
        control = testKit.createTestProbe(AgentEvent.class);
        agent = testKit.createTestProbe(AgentCommand.class);
        logs = testKit.createTestProbe(LogChunk.class);
        uploads = testKit.createTestProbe(UploadReply.class);
        downloads = testKit.createTestProbe(DownloadReply.class);
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    static final NodeId NODE = NodeId.of("gpu-1");
    static final JobId JOB = JobId.of("j-1");

    /** Its bytes are not checked here (see SignedCommandsTest in ops): only that it travels. */
    static final CommandSignature SIGNATURE = new CommandSignature("gpu-1", Instant.parse("2026-12-06T20:00:00.123Z"),
            "MIIBcertificate", "MEUCIQsignature");

    static JobSpec spec() {
        return JobSpec.builder("train", GpuRequest.elastic(2, 4), new ProcessWorkload(List.of("python", "train.py"),
                        Map.of("LR", "0.1"), Map.of("KEY", "secret"), "/work"))
                .tenant(TenantId.of("vision")).estimatedDuration(Duration.ofHours(2)).maxRetries(2).build();
    }

    static Stream<Object> messages() {
        Map<NodeId, List<Integer>> allocation = Map.of(NODE, List.of(0, 1), NodeId.of("gpu-2"), List.of(3));
        NodeInfo info = new NodeInfo(NODE, PoolId.of("a100"), List.of(new GpuDevice(0, "A100", 81_920, true),
                new GpuDevice(1, "A100", 81_920, false)), Map.of("zone", "x"), NodeStatus.READY);
        NodeInfo discovered = new NodeInfo(NODE, PoolId.DEFAULT, List.of(new GpuDevice(0, "NVIDIA H100 80GB HBM3",
                81_559, true, "GPU-5e1f", 1_024L, 87, 61, null), new GpuDevice(1, "NVIDIA H100 80GB HBM3", 81_559,
                false, "GPU-77aa", null, null, null, "nvidia-smi reports ERR! for temperature.gpu")), Map.of(),
                NodeStatus.READY, null);
        NodeInfo driverDown = new NodeInfo(NODE, PoolId.DEFAULT, List.of(), Map.of(), NodeStatus.READY,
                "nvidia-smi exited with 9: NVIDIA-SMI has failed");
        var exited = new AgentEvent.WorkloadExited(NODE, JOB, 2, 3, ExitCause.COMPLETED, "exit 3", Instant.now(),
                agent.ref(), List.of(new TrainingProgress(5, 6, 0.5, 0.25, 0.4), new TrainingProgress(6, 6, 0.4, 0.2, 0.3)));
        return Stream.of(
                new AgentCommand.Describe(control.ref()),
                new AgentCommand.StartJob(JOB, 2, spec(), allocation, control.ref()),
                new AgentCommand.StartJob(JOB, 3, spec(), allocation, control.ref(), new Rendezvous("10.0.0.5", 29_503)),
                new AgentCommand.StartJob(JOB, 1, JobSpec.builder("sim", GpuRequest.fixed(1),
                        SimulatedWorkload.ofSeconds(5)).tenant(TenantId.of("t")).build(), allocation, control.ref()),
                new AgentCommand.StopJob(JOB, 2, "preempted", Duration.ofSeconds(10)),
                new AgentCommand.StartJob(JOB, 4, spec(), allocation, control.ref(), new Rendezvous("10.0.0.5", 29_503))
                        .signed(SIGNATURE),
                new AgentCommand.StopJob(JOB, 4, "cancelled", Duration.ofSeconds(10), control.ref()).signed(SIGNATURE),
                new AgentCommand.NameTaken(NODE, "taken", control.ref()).signed(SIGNATURE),
                new AgentCommand.RenewLease(NODE, Instant.now(), Duration.ofSeconds(11), Duration.ofSeconds(5),
                        control.ref()).signed(SIGNATURE),
                new AgentCommand.ReadLog(JOB, 2, AgentCommand.LogStream.STDERR, 100, 4096, logs.ref()),
                new AgentEvent.AgentReport(info, agent.ref(), List.of(new RunningWorkload(JOB, 2, List.of(0, 1),
                        Instant.now())), List.of(exited), Instant.now()),
                new AgentEvent.AgentReport(discovered, agent.ref(), List.of(), List.of(), Instant.now()),
                new AgentEvent.AgentReport(driverDown, agent.ref(), List.of(), List.of(), Instant.now()),
                new AgentEvent.WorkloadStarted(NODE, JOB, 2, Instant.now(), agent.ref()),
                new AgentEvent.WorkloadExited(NODE, JOB, 2, -1, ExitCause.LAUNCH_FAILED, "no agent", Instant.now(), null),
                exited,
                new ObjectCommand.Upload(new ObjectName.Checkpoint(JOB), 2, 1234, "ab".repeat(32), uploads.ref()),
                new ObjectCommand.Outcome(77, uploads.ref()),
                new ObjectCommand.Download(new ObjectName.Artifact(JOB, "model"), downloads.ref()),
                new UploadReply.Stored(new ObjectName.Checkpoint(JOB), 9, 1234, "ab".repeat(32), Instant.now()),
                new UploadReply.Failed("digest differs"),
                new DownloadReply.NotFound(new ObjectName.Checkpoint(JOB)),
                new DownloadReply.Failed("unreadable"));
    }

    @Test
    void streamRefsTravelInsideTheirReplies() {
        var materializer = Materializer.createMaterializer(testKit.system());
        SinkRef<ByteString> sink = StreamRefs.<ByteString>sinkRef().to(Sink.ignore()).run(materializer);
        SourceRef<ByteString> source = Source.single(ByteString.fromString("x")).runWith(StreamRefs.sourceRef(),
                materializer);
        assertThat(serialization.verifySerialization(new UploadReply.Ready(5, sink), true).sink()).isEqualTo(sink);
        var ready = new DownloadReply.Ready(new ObjectName.Checkpoint(JOB), 3, 1, "cd".repeat(32), Instant.now(),
                source);
        assertThat(serialization.verifySerialization(ready, true).source()).isEqualTo(source);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void travelsAndComesBackEqual(Object message) {
        assertThat(serialization.verifySerialization(message, true)).isEqualTo(message);
    }

    /** Whatever its workloads print, a heartbeat stays far below Artery's 256 KiB frame: a dropped one loses the node. */
    @Test
    void aHeartbeatFullOfLongExitMessagesStaysFarBelowTheFrameSize() {
        String huge = "😀".repeat(500_000); // four bytes in UTF-8
        List<TrainingProgress> epochs = java.util.stream.IntStream.rangeClosed(1, 500)
                .mapToObj(epoch -> new TrainingProgress(epoch, 500, 0.123456789, 0.123456789, 0.123456789)).toList();
        List<AgentEvent.WorkloadExited> exits = java.util.stream.IntStream.range(0, 2_000)
                .mapToObj(i -> new AgentEvent.WorkloadExited(NODE, JobId.of("j-" + i), 1, 1, ExitCause.COMPLETED, huge,
                        Instant.EPOCH, null, epochs))
                .toList();
        NodeInfo info = new NodeInfo(NODE, PoolId.DEFAULT, List.of(), Map.of(), NodeStatus.READY, huge);
        AgentEvent.AgentReport report = new AgentEvent.AgentReport(info, agent.ref(), List.of(), exits, Instant.EPOCH);

        var serializer = org.apache.pekko.serialization.SerializationExtension.get(testKit.system().classicSystem());
        int bytes = serializer.serialize(report).get().length;
        assertThat(bytes).isLessThan(200 * 1024);
        assertThat(report.recentExits()).hasSize(AgentEvent.MAX_REPORTED_EXITS);
        assertThat(report.recentExits().get(report.recentExits().size() - 1).job()).as("the newest kept")
                .isEqualTo(JobId.of("j-1999"));
        assertThat(report.recentExits().get(0).message()).startsWith("😀")
                .hasSizeLessThanOrEqualTo(AgentEvent.REPORT_MESSAGE_CHARS / AgentEvent.MAX_REPORTED_EXITS);
        assertThat(exits.get(0).message()).as("one exit on its own").hasSizeLessThan(AgentEvent.MAX_MESSAGE_CHARS + 40);
        assertThat(exits.get(0).lastEpochs()).as("one exit on its own keeps the newest epochs")
                .hasSize(AgentEvent.MAX_EXIT_EPOCHS).endsWith(epochs.get(499));
        assertThat(report.recentExits().get(report.recentExits().size() - 1).lastEpochs())
                .as("an exit a report repeats keeps the final epoch").containsExactly(epochs.get(499));
        assertThat(report.recentExits().get(0).lastEpochs()).as("but only the newest exits do").isEmpty();
        assertThat(info.gpuProblem()).hasSizeLessThan(NodeInfo.MAX_PROBLEM_CHARS + 40);
        assertThat(serialization.verifySerialization(report, false)).isEqualTo(report);
    }

    @Test
    void logChunksKeepTheirBytes() {
        byte[] bytes = "line one\nline two\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        LogChunk back = serialization.verifySerialization(new LogChunk(bytes, 18, true, true), false);
        assertThat(back.data()).isEqualTo(bytes);
        assertThat(back.nextOffset()).isEqualTo(18);
        assertThat(back.ended()).isTrue();
    }
}
