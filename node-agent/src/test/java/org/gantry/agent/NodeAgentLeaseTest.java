package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.agent.Agents.expectExited;
import static org.gantry.agent.Agents.expectStarted;
import static org.gantry.agent.Agents.sh;
import static org.gantry.agent.Agents.spec;
import static org.gantry.agent.Agents.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.agent.run.WorkDirs;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.Describe;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.AgentReport;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.ExitCause;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent runs work only while the control plane renews its lease: cut off, it stops its workloads itself. */
class NodeAgentLeaseTest {
    private static final ActorTestKit kit = ActorTestKit.create();
    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final Duration GRACE = Duration.ofSeconds(1);

    @TempDir
    Path workDir;

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    @Test
    void aLapsedLeaseStopsTheWorkloadsAndRefusesStartsUntilRenewed() throws Exception {
        ActorRef<AgentCommand> agent = kit.spawn(NodeAgent.create(AgentSettings.declared("node-a", 4, workDir)
                .withHeartbeatInterval(Duration.ofMillis(200))));
        TestProbe<AgentEvent> reports = kit.createTestProbe();
        TestProbe<AgentEvent> control = kit.createTestProbe();
        agent.tell(new Describe(reports.ref()));
        renew(agent, reports.expectMessageClass(AgentReport.class, Agents.WAIT), LEASE);
        Path leaseFile = new WorkDirs(workDir).lease();
        long deadline = System.nanoTime() + Agents.WAIT.toNanos();
        while (!Files.exists(leaseFile) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Files.readString(leaseFile)).as("the lease's end, for the watchdogs").matches("\\d+ 1\n");

        agent.tell(start("cut-off", 1, spec(sh("trap 'exit 143' TERM; sleep 60 & wait $!")), control));
        expectStarted(control, "cut-off", 1);
        long started = System.nanoTime();

        // No more renewals: the control plane is gone, as far as this node can tell.
        WorkloadExited exit = expectExited(control, "cut-off", 1);
        Duration stoppedAfter = Duration.ofNanos(System.nanoTime() - started);
        assertThat(exit.cause()).isEqualTo(ExitCause.LEASE_LAPSED);
        assertThat(exit.message()).contains("lost contact with the control plane");
        assertThat(stoppedAfter).as("stopped when the lease ran out, with its grace").isLessThan(LEASE.plus(GRACE)
                .plusSeconds(1));

        agent.tell(start("late", 1, spec(sh("exit 0")), control));
        WorkloadExited refused = expectExited(control, "late", 1);
        assertThat(refused.cause()).isEqualTo(ExitCause.LEASE_LAPSED);
        assertThat(refused.message()).startsWith("not started");

        // Contact again: a renewal of a report sent now lets work start once more.
        renew(agent, freshReport(agent), Duration.ofSeconds(30));
        agent.tell(start("back", 1, spec(sh("exit 0")), control));
        expectStarted(control, "back", 1);
        assertThat(expectExited(control, "back", 1).cause()).isEqualTo(ExitCause.COMPLETED);
    }

    @Test
    void workRunsOnWhileRenewalsComeAndAStaleRenewalChangesNothing() {
        ActorRef<AgentCommand> agent = kit.spawn(NodeAgent.create(AgentSettings.declared("node-a", 4, workDir)
                .withHeartbeatInterval(Duration.ofMillis(200))));
        TestProbe<AgentEvent> reports = kit.createTestProbe();
        TestProbe<AgentEvent> control = kit.createTestProbe();
        agent.tell(new Describe(reports.ref()));
        AgentReport first = reports.expectMessageClass(AgentReport.class, Agents.WAIT);
        renew(agent, first, LEASE);
        agent.tell(start("steady", 1, spec(sh("sleep 60")), control));
        expectStarted(control, "steady", 1);

        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            renew(agent, freshReport(agent), LEASE);
            // The first report's renewal arriving late must not pull the lease back.
            renew(agent, first, LEASE);
            control.expectNoMessage(Duration.ofMillis(300));
        }
        agent.tell(new AgentCommand.StopJob(org.gantry.api.job.JobId.of("steady"), 1, "done", Duration.ofSeconds(1)));
        assertThat(expectExited(control, "steady", 1).cause()).isEqualTo(ExitCause.STOPPED);
    }

    private static void renew(ActorRef<AgentCommand> agent, AgentReport report, Duration lease) {
        agent.tell(new AgentCommand.RenewLease(Agents.NODE, report.at(), lease, GRACE, null));
    }

    /** A report the agent sends now: asked for by a new control plane, which it answers at once. */
    private static AgentReport freshReport(ActorRef<AgentCommand> agent) {
        TestProbe<AgentEvent> reports = kit.createTestProbe();
        agent.tell(new Describe(reports.ref()));
        return reports.expectMessageClass(AgentReport.class, Agents.WAIT);
    }
}
