package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.gantry.agent.Agents.WAIT;
import static org.gantry.agent.Agents.expectStarted;
import static org.gantry.agent.Agents.read;
import static org.gantry.agent.Agents.sh;
import static org.gantry.agent.Agents.spec;
import static org.gantry.agent.Agents.start;
import static org.gantry.agent.Agents.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.agent.run.Runners;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.Describe;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.AgentReport;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.RunningWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent JVM outlives its actor systems (the cluster drops it when the control plane is lost,
 * and it joins again): the workloads must outlive each agent incarnation. Each testkit here
 * stands for one incarnation's actor system.
 */
class NodeAgentIncarnationTest {
    @TempDir
    Path workDir;
    private final AgentMemory memory = new AgentMemory();
    private final List<ActorTestKit> kits = new ArrayList<>();

    @AfterEach
    void shutDown() {
        kits.forEach(ActorTestKit::shutdownTestKit);
    }

    @Test
    void aRunningWorkloadIsAdoptedByTheNextIncarnationWhichReportsItsEnd() throws Exception {
        Path go = workDir.resolve("go");
        ActorTestKit first = ActorTestKit.create();
        TestProbe<AgentEvent> oldControl = first.createTestProbe();
        incarnation(first, Duration.ofMinutes(1)).tell(start("survivor", 1,
                spec(sh("echo begun; while [ ! -e " + go + " ]; do sleep 0.05; done; echo finished")), oldControl));
        expectStarted(oldControl, "survivor", 1);
        first.shutdownTestKit();

        ActorTestKit second = kit();
        ActorRef<AgentCommand> agent = incarnation(second, Duration.ofMinutes(1));
        TestProbe<AgentEvent> control = second.createTestProbe();
        agent.tell(new Describe(control.ref()));
        AgentReport report = control.expectMessageClass(AgentReport.class, WAIT);
        assertThat(report.agent()).isEqualTo(agent);
        assertThat(report.running()).extracting(RunningWorkload::job, RunningWorkload::attempt, RunningWorkload::gpus)
                .containsExactly(tuple(JobId.of("survivor"), 1, List.of(1, 3)));

        Files.createFile(go);
        WorkloadExited exited = nextExit(control);
        assertThat(exited.job()).isEqualTo(JobId.of("survivor"));
        assertThat(exited.cause()).isEqualTo(ExitCause.COMPLETED);
        assertThat(exited.exitCode()).isZero();
        assertThat(text(read(second, agent, "survivor", 1, LogStream.STDOUT, 0, 4096))).isEqualTo("begun\nfinished\n");
    }

    @Test
    void aWorkloadThatEndsWhileNoIncarnationIsAliveIsReportedByTheNext() throws Exception {
        Path go = workDir.resolve("go");
        ActorTestKit first = ActorTestKit.create();
        TestProbe<AgentEvent> oldControl = first.createTestProbe();
        incarnation(first, Duration.ofMinutes(1)).tell(start("between", 1,
                spec(sh("while [ ! -e " + go + " ]; do sleep 0.05; done; exit 6")), oldControl));
        expectStarted(oldControl, "between", 1);
        first.shutdownTestKit();
        Files.createFile(go);
        memory.running.get(new AttemptKey(JobId.of("between"), 1)).execution.exited().toCompletableFuture()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        ActorTestKit second = kit();
        ActorRef<AgentCommand> agent = incarnation(second, Duration.ofMillis(200));
        TestProbe<AgentEvent> control = second.createTestProbe();
        agent.tell(new Describe(control.ref()));
        AgentReport report = reportWith(control, "between");
        assertThat(report.running()).isEmpty();
        WorkloadExited exit = report.recentExits().get(0);
        assertThat(exit.cause()).isEqualTo(ExitCause.COMPLETED);
        assertThat(exit.exitCode()).isEqualTo(6);

        // The exit is remembered, and a repeated start answers with it instead of running again.
        agent.tell(start("between", 1, spec(sh("exit 0")), control));
        assertThat(nextExit(control)).isEqualTo(exit);
    }

    @Test
    void theTimeLimitRunsOnAcrossIncarnations() {
        ActorTestKit first = ActorTestKit.create();
        TestProbe<AgentEvent> oldControl = first.createTestProbe();
        long startedAt = System.nanoTime();
        incarnation(first, Duration.ofMinutes(1)).tell(start("limited", 1,
                spec(sh("sleep 30")).toBuilder().timeLimit(Duration.ofSeconds(2)).build(), oldControl));
        expectStarted(oldControl, "limited", 1);
        first.shutdownTestKit();

        ActorTestKit second = kit();
        ActorRef<AgentCommand> agent = incarnation(second, Duration.ofMinutes(1));
        TestProbe<AgentEvent> control = second.createTestProbe();
        agent.tell(new Describe(control.ref()));

        WorkloadExited exited = nextExit(control);
        assertThat(exited.cause()).isEqualTo(ExitCause.TIME_LIMIT);
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isBetween(Duration.ofMillis(1900),
                Duration.ofSeconds(20));
    }

    @Test
    void anAgentWithoutASharedMemoryStillKillsItsWorkloadsWhenItStops() throws Exception {
        Path marker = workDir.resolve("survived");
        ActorTestKit only = ActorTestKit.create();
        TestProbe<AgentEvent> control = only.createTestProbe();
        Agents.spawn(only, workDir).tell(start("doomed", 1, spec(sh("echo ready; sleep 1; touch " + marker)),
                control));
        expectStarted(control, "doomed", 1);
        Path stdout = workDir.resolve("logs/doomed/1/stdout.log");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(stdout) && Files.readString(stdout).contains("ready"))) {
            assertThat(System.nanoTime()).as("the workload to start").isLessThan(deadline);
            Thread.sleep(20);
        }
        only.shutdownTestKit();

        Thread.sleep(2_000);
        assertThat(marker).doesNotExist();
    }

    private ActorTestKit kit() {
        ActorTestKit kit = ActorTestKit.create();
        kits.add(kit);
        return kit;
    }

    private ActorRef<AgentCommand> incarnation(ActorTestKit kit, Duration heartbeat) {
        AgentSettings settings = AgentSettings.declared(Agents.NODE.value(), 4, workDir)
                .withKillGrace(Duration.ofSeconds(1)).withHeartbeatInterval(heartbeat);
        return kit.spawn(NodeAgent.create(settings, Runners.standard(), memory));
    }

    /** The next exit, past any heartbeat. */
    private static WorkloadExited nextExit(TestProbe<AgentEvent> control) {
        List<AgentEvent> seen = control.fishForMessage(WAIT, event -> event instanceof WorkloadExited
                ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
        return (WorkloadExited) seen.get(seen.size() - 1);
    }

    /** The first report whose recent exits include {@code job}. */
    private static AgentReport reportWith(TestProbe<AgentEvent> control, String job) {
        List<AgentEvent> seen = control.fishForMessage(WAIT, event -> event instanceof AgentReport report
                && report.recentExits().stream().anyMatch(exit -> exit.job().equals(JobId.of(job)))
                ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
        return (AgentReport) seen.get(seen.size() - 1);
    }
}
