package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.agent.Agents.NODE;
import static org.gantry.agent.Agents.WAIT;
import static org.gantry.agent.Agents.sh;
import static org.gantry.agent.Agents.start;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.agent.objects.Artifacts;
import org.gantry.agent.objects.Checkpoints;
import org.gantry.agent.objects.ObjectTransfer;
import org.gantry.agent.objects.Pack;
import org.gantry.agent.run.Runners;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.api.protocol.objects.UploadReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's side of checkpoints with real processes, against a store that keeps packs in a
 * directory (the cluster transport has its own tests): what is restored before the process
 * starts, what is shipped while it runs and after it stopped, and in which order with the exit.
 */
class NodeAgentCheckpointTest {
    private static final ActorTestKit kit = ActorTestKit.create();

    @TempDir
    Path workDir;
    @TempDir
    Path storeDir;

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    /** Keeps each job's newest pack as a file; restores unpack it. */
    private final class DirectoryStore implements Checkpoints {
        final List<String> log = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<Void> restoreGate = CompletableFuture.completedFuture(null);

        @Override
        public boolean shipped() {
            return true;
        }

        @Override
        public CompletionStage<Optional<ObjectTransfer.Fetched>> restore(JobId job, Path dir) {
            return restoreGate.thenApply(open -> {
                Path pack = storeDir.resolve(job.value() + ".pack");
                log.add("restore " + job.value());
                if (!Files.exists(pack)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(new ObjectTransfer.Fetched(1, Files.size(pack), Pack.unpack(pack, dir)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public CompletionStage<Optional<ObjectTransfer.Shipped>> ship(JobId job, int attempt, Path dir) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Path pack = storeDir.resolve(job.value() + ".pack.new");
                    Pack.Summary summary = Pack.pack(dir, pack);
                    if (summary.files() == 0) {
                        return Optional.empty();
                    }
                    Files.move(pack, storeDir.resolve(job.value() + ".pack"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    log.add("ship " + job.value() + " " + count(job));
                    return Optional.of(new ObjectTransfer.Shipped(new UploadReply.Stored(new ObjectName.Checkpoint(job),
                            log.size(), summary.bytes(), summary.sha256(), Instant.now()), summary.files()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        /** The count the job's stored pack holds. */
        String count(JobId job) {
            try {
                Path out = Files.createTempDirectory(storeDir, "peek");
                Pack.unpack(storeDir.resolve(job.value() + ".pack"), out.resolve("d"));
                return Files.readString(out.resolve("d/count")).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The next exit the control plane hears of; heartbeats in between are skipped. */
    private static WorkloadExited exitOf(TestProbe<AgentEvent> control) {
        return next(control, WorkloadExited.class);
    }

    private static <T extends AgentEvent> T next(TestProbe<AgentEvent> control, Class<T> type) {
        List<AgentEvent> seen = control.fishForMessage(Duration.ofSeconds(20), event -> type.isInstance(event)
                ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
        return type.cast(seen.get(seen.size() - 1));
    }

    private ActorRef<AgentCommand> agent(DirectoryStore store) {
        return kit.spawn(NodeAgent.create(AgentSettings.declared(NODE.value(), 4, workDir)
                .withKillGrace(Duration.ofSeconds(1)), Runners.standard(), (system, scratch) -> store,
                (system, scratch) -> Artifacts.LOCAL));
    }

    private static JobSpec counting(int intervalSeconds) {
        // Resumes from the count its checkpoint holds; saves by write-then-rename, and on SIGTERM.
        String script = "d=$GANTRY_CHECKPOINT_DIR; i=$(cat $d/count 2>/dev/null || echo 0); echo $i > $d/resumed; "
                + "save() { echo $i > $d/count.tmp && mv $d/count.tmp $d/count; }; trap 'i=$((i+1000)); save; exit 143' TERM; "
                + "while true; do i=$((i+1)); save; sleep 0.05; done";
        return JobSpec.builder("count", GpuRequest.fixed(2), sh(script))
                .checkpoint(CheckpointPolicy.of(intervalSeconds, 5L)).build();
    }

    @Test
    void theNewestCheckpointIsInPlaceBeforeTheProcessStartsAndAStopShipsItsLastBeforeTheExit() throws Exception {
        DirectoryStore store = new DirectoryStore();
        Path seed = Files.createDirectories(workDir.resolve("seed"));
        Files.writeString(seed.resolve("count"), "41\n");
        Pack.pack(seed, storeDir.resolve("job-1.pack"));
        ActorRef<AgentCommand> agent = agent(store);
        TestProbe<AgentEvent> control = kit.createTestProbe();

        agent.tell(start("job-1", 2, counting(3600), control));
        next(control, AgentEvent.WorkloadStarted.class);
        Path dir = workDir.resolve("checkpoints/job-1");
        assertThat(Files.readString(awaitFile(dir.resolve("resumed"))).trim()).isEqualTo("41");

        agent.tell(new AgentCommand.StopJob(JobId.of("job-1"), 2, "preempted", Duration.ofSeconds(30)));
        WorkloadExited exited = exitOf(control);

        assertThat(exited.cause()).isEqualTo(ExitCause.STOPPED);
        assertThat(exited.message()).contains("checkpoint of").contains("bytes shipped");
        // What the job saved on SIGTERM was stored before the exit was reported.
        assertThat(Integer.parseInt(store.count(JobId.of("job-1")))).isGreaterThan(1041);
        assertThat(store.log.get(0)).isEqualTo("restore job-1");
    }

    /**
     * What an earlier attempt left on this node but never shipped (it died first, say) is not
     * where a later attempt starts: the store says where, and an attempt on another node would
     * not see it.
     */
    @Test
    void aLaterAttemptWithNoStoredCheckpointStartsFromAnEmptyDirectory() throws Exception {
        DirectoryStore store = new DirectoryStore();
        Path dir = Files.createDirectories(workDir.resolve("checkpoints/job-5"));
        Files.writeString(dir.resolve("count"), "41\n");
        ActorRef<AgentCommand> agent = agent(store);
        TestProbe<AgentEvent> control = kit.createTestProbe();

        agent.tell(start("job-5", 2, counting(3600), control));
        next(control, AgentEvent.WorkloadStarted.class);
        assertThat(Files.readString(awaitFile(dir.resolve("resumed"))).trim()).isEqualTo("0");
        assertThat(store.log).containsExactly("restore job-5");
    }

    /** Rank 0 (the first node by name) alone ships: ranks' uploads must not race to be the newest. */
    @Test
    void aGangRankOtherThanZeroRestoresButNeverShips() throws Exception {
        DirectoryStore store = new DirectoryStore();
        Path seed = Files.createDirectories(workDir.resolve("seed-gang"));
        Files.writeString(seed.resolve("count"), "7\n");
        Pack.pack(seed, storeDir.resolve("job-4.pack"));
        ActorRef<AgentCommand> agent = agent(store);
        TestProbe<AgentEvent> control = kit.createTestProbe();

        // node-0 sorts before this agent's node-a: this agent is rank 1. Attempt 1 shipped the seed.
        agent.tell(new AgentCommand.StartJob(JobId.of("job-4"), 2, counting(1),
                java.util.Map.of(org.gantry.api.cluster.NodeId.of("node-0"), List.of(0), NODE, List.of(1, 3)),
                control.ref()));
        next(control, AgentEvent.WorkloadStarted.class);
        assertThat(Files.readString(awaitFile(workDir.resolve("checkpoints/job-4/resumed"))).trim()).isEqualTo("7");
        Thread.sleep(2_500); // past two ship intervals
        agent.tell(new AgentCommand.StopJob(JobId.of("job-4"), 2, "preempted", Duration.ofSeconds(5)));
        WorkloadExited exited = exitOf(control);

        assertThat(exited.cause()).isEqualTo(ExitCause.STOPPED);
        assertThat(exited.message()).doesNotContain("shipped");
        assertThat(store.log).containsExactly("restore job-4");
    }

    /** Only attempts ship checkpoints: before the second there is none, so a first start does not ask the store. */
    @Test
    void aFirstAttemptStartsWithoutAskingTheStore() throws Exception {
        DirectoryStore store = new DirectoryStore();
        ActorRef<AgentCommand> agent = agent(store);
        TestProbe<AgentEvent> control = kit.createTestProbe();

        agent.tell(start("job-5", 1, counting(3600), control));
        next(control, AgentEvent.WorkloadStarted.class);
        assertThat(Files.readString(awaitFile(workDir.resolve("checkpoints/job-5/resumed"))).trim()).isEqualTo("0");
        agent.tell(new AgentCommand.StopJob(JobId.of("job-5"), 1, "preempted", Duration.ofSeconds(5)));
        assertThat(exitOf(control).message()).contains("bytes shipped");
        // Its second attempt finds what the first one shipped.
        agent.tell(start("job-5", 2, counting(3600), control));
        next(control, AgentEvent.WorkloadStarted.class);
        control.awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(Integer.parseInt(Files.readString(workDir.resolve("checkpoints/job-5/resumed")).trim()))
                    .isGreaterThan(1000);
            return null;
        });
        agent.tell(new AgentCommand.StopJob(JobId.of("job-5"), 2, "done", Duration.ofSeconds(5)));
        exitOf(control);
        assertThat(store.log).filteredOn(line -> line.startsWith("restore")).containsExactly("restore job-5");
    }

    @Test
    void aRunningJobIsShippedEveryInterval() {
        DirectoryStore store = new DirectoryStore();
        ActorRef<AgentCommand> agent = agent(store);
        TestProbe<AgentEvent> control = kit.createTestProbe();

        agent.tell(start("job-2", 1, counting(1), control));
        next(control, AgentEvent.WorkloadStarted.class);
        control.awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(store.log.stream().filter(line -> line.startsWith("ship")).count()).isGreaterThanOrEqualTo(2);
            return null;
        });
        List<Integer> shipped = store.log.stream().filter(line -> line.startsWith("ship"))
                .map(line -> Integer.parseInt(line.split(" ")[2])).toList();
        assertThat(shipped).isSorted();
        agent.tell(new AgentCommand.StopJob(JobId.of("job-2"), 1, "done", Duration.ofSeconds(1)));
        assertThat(exitOf(control).cause()).isEqualTo(ExitCause.STOPPED);
    }

    @Test
    void aStopWhileTheCheckpointIsRestoredEndsTheAttemptBeforeItsProcessStarts() throws InterruptedException {
        DirectoryStore store = new DirectoryStore();
        store.restoreGate = new CompletableFuture<>();
        ActorRef<AgentCommand> agent = agent(store);
        TestProbe<AgentEvent> control = kit.createTestProbe();

        agent.tell(start("job-3", 2, counting(3600), control));
        // Restoring counts as running: the control plane must not take the attempt for missing.
        TestProbe<AgentEvent> reports = kit.createTestProbe();
        agent.tell(new AgentCommand.Describe(reports.ref()));
        AgentEvent.AgentReport report = reports.expectMessageClass(AgentEvent.AgentReport.class, WAIT);
        assertThat(report.running()).extracting(run -> run.job().value()).containsExactly("job-3");

        agent.tell(new AgentCommand.StopJob(JobId.of("job-3"), 2, "preempted", Duration.ofSeconds(1)));
        WorkloadExited exited = exitOf(control);
        store.restoreGate.complete(null);

        assertThat(exited.cause()).isEqualTo(ExitCause.STOPPED);
        assertThat(exited.message()).contains("before it started");
        Thread.sleep(500);
        assertThat(workDir.resolve("checkpoints/job-3/resumed")).doesNotExist();
    }

    /** The process writes it just after it starts: give it a moment on a loaded machine. */
    private static Path awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return file;
    }
}
