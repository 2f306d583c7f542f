package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.agent.Agents.expectExited;
import static org.gantry.agent.Agents.expectStarted;
import static org.gantry.agent.Agents.read;
import static org.gantry.agent.Agents.spec;
import static org.gantry.agent.Agents.start;
import static org.gantry.agent.Agents.text;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.job.JobId;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.protocol.AgentCommand.StopJob;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.LogChunk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeAgentSimulatedTest {
    private static final ActorTestKit kit = ActorTestKit.create();

    @TempDir
    Path workDir;
    private ActorRef<AgentCommand> agent;
    private TestProbe<AgentEvent> control;

    @BeforeEach
    void spawnAgent() {
        agent = Agents.spawn(kit, workDir);
        control = kit.createTestProbe();
    }

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    @Test
    void aSimulatedRunCompletesAfterItsSeconds() {
        long startedAt = System.nanoTime();
        agent.tell(start("sim", 1, spec(SimulatedWorkload.ofSeconds(1)), control));
        expectStarted(control, "sim", 1);

        WorkloadExited exited = expectExited(control, "sim", 1);
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(exited.exitCode()).isZero();
        assertThat(exited.cause()).isEqualTo(ExitCause.COMPLETED);

        LogChunk log = read(kit, agent, "sim", 1, LogStream.STDOUT, 0, 4096);
        assertThat(text(log)).contains("simulated workload: 1s on GPUs [1, 3]", "completed");
        assertThat(log.ended()).isTrue();
        assertThat(read(kit, agent, "sim", 1, LogStream.STDERR, 0, 4096).found()).isTrue();
    }

    @Test
    void aSimulatedRunCanBeStopped() {
        agent.tell(start("sim-stop", 1, spec(SimulatedWorkload.ofSeconds(60)), control));
        expectStarted(control, "sim-stop", 1);
        agent.tell(new StopJob(JobId.of("sim-stop"), 1, "preempted", Duration.ofSeconds(5)));

        WorkloadExited exited = expectExited(control, "sim-stop", 1);
        assertThat(exited.cause()).isEqualTo(ExitCause.STOPPED);
        assertThat(exited.exitCode()).isEqualTo(-1);
        assertThat(text(read(kit, agent, "sim-stop", 1, LogStream.STDOUT, 0, 4096))).contains("stopped");
    }

    @Test
    void aSimulatedRunPastItsTimeLimitIsCutShort() {
        agent.tell(start("sim-limit", 1, spec(SimulatedWorkload.ofSeconds(60)).toBuilder()
                .timeLimit(Duration.ofSeconds(1)).build(), control));
        expectStarted(control, "sim-limit", 1);

        assertThat(expectExited(control, "sim-limit", 1).cause()).isEqualTo(ExitCause.TIME_LIMIT);
    }
}
