package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.Workload;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.AgentEvent.WorkloadStarted;
import org.gantry.api.protocol.LogChunk;

/** What the agent tests share: specs, starting an attempt, awaiting its events, reading its log. */
final class Agents {
    static final NodeId NODE = NodeId.of("node-a");
    static final Duration WAIT = Duration.ofSeconds(10);

    private Agents() {}

    static ActorRef<AgentCommand> spawn(ActorTestKit kit, Path workDir) {
        return kit.spawn(NodeAgent.create(AgentSettings.declared(NODE.value(), 4, workDir)
                .withKillGrace(Duration.ofSeconds(1))));
    }

    static ProcessWorkload sh(String script) {
        return ProcessWorkload.of("sh", "-c", script);
    }

    static JobSpec spec(Workload workload) {
        return JobSpec.builder("test", GpuRequest.fixed(2), workload).build();
    }

    static AgentCommand.StartJob start(String job, int attempt, JobSpec spec, TestProbe<AgentEvent> control) {
        return new AgentCommand.StartJob(JobId.of(job), attempt, spec, Map.of(NODE, List.of(1, 3)), control.ref());
    }

    static WorkloadStarted expectStarted(TestProbe<AgentEvent> control, String job, int attempt) {
        WorkloadStarted started = control.expectMessageClass(WorkloadStarted.class, WAIT);
        assertThat(started.job()).isEqualTo(JobId.of(job));
        assertThat(started.attempt()).isEqualTo(attempt);
        assertThat(started.node()).isEqualTo(NODE);
        return started;
    }

    static WorkloadExited expectExited(TestProbe<AgentEvent> control, String job, int attempt) {
        WorkloadExited exited = control.expectMessageClass(WorkloadExited.class, WAIT);
        assertThat(exited.job()).isEqualTo(JobId.of(job));
        assertThat(exited.attempt()).isEqualTo(attempt);
        assertThat(exited.node()).isEqualTo(NODE);
        return exited;
    }

    /** Runs {@code script} to its end as attempt 1 of {@code job}, returning its exit. */
    static WorkloadExited run(ActorRef<AgentCommand> agent, TestProbe<AgentEvent> control, String job, String script) {
        agent.tell(start(job, 1, spec(sh(script)), control));
        expectStarted(control, job, 1);
        return expectExited(control, job, 1);
    }

    static LogChunk read(ActorTestKit kit, ActorRef<AgentCommand> agent, String job, int attempt, LogStream stream,
                         long offset, int maxBytes) {
        TestProbe<LogChunk> reader = kit.createTestProbe();
        agent.tell(new AgentCommand.ReadLog(JobId.of(job), attempt, stream, offset, maxBytes, reader.ref()));
        return reader.expectMessageClass(LogChunk.class, WAIT);
    }

    static String text(LogChunk chunk) {
        return new String(chunk.data(), StandardCharsets.UTF_8);
    }
}
