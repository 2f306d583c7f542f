package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.gantry.agent.Agents.expectExited;
import static org.gantry.agent.Agents.expectStarted;
import static org.gantry.agent.Agents.spec;
import static org.gantry.agent.Agents.start;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.gantry.agent.gpu.DeclaredGpus;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.Describe;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.AgentReport;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.AgentKeys;
import org.gantry.api.protocol.RunningWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeAgentReportTest {
    private static final ActorTestKit kit = ActorTestKit.create();

    @TempDir
    Path workDir;

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    @Test
    void describeIsAnsweredAtOnceWithTheNodeItsGpusAndWhatItRuns() {
        AgentSettings settings = AgentSettings.declared("node-a", 2, workDir)
                .withGpus(new DeclaredGpus(2, "H100", 81_920))
                .withPool(PoolId.of("h100"))
                .withLabels(Map.of("zone", "a"))
                .withHeartbeatInterval(Duration.ofMinutes(1));
        ActorRef<AgentCommand> agent = kit.spawn(NodeAgent.create(settings));
        TestProbe<AgentEvent> control = kit.createTestProbe();
        agent.tell(new AgentCommand.StartJob(JobId.of("busy"), 3, spec(SimulatedWorkload.ofSeconds(60)),
                Map.of(Agents.NODE, List.of(1)), control.ref()));
        expectStarted(control, "busy", 3);

        agent.tell(new Describe(control.ref()));
        AgentReport report = control.expectMessageClass(AgentReport.class, Duration.ofSeconds(3));

        assertThat(report.agent()).isEqualTo(agent);
        assertThat(report.info().id()).isEqualTo(Agents.NODE);
        assertThat(report.info().pool()).isEqualTo(PoolId.of("h100"));
        assertThat(report.info().status()).isEqualTo(NodeStatus.READY);
        assertThat(report.info().labels()).containsEntry("zone", "a");
        assertThat(report.info().gpus()).containsExactly(new GpuDevice(0, "H100", 81_920, true),
                new GpuDevice(1, "H100", 81_920, true));
        assertThat(report.running()).extracting(RunningWorkload::job, RunningWorkload::attempt, RunningWorkload::gpus)
                .containsExactly(tuple(JobId.of("busy"), 3, List.of(1)));
        assertThat(report.recentExits()).isEmpty();
    }

    @Test
    void heartbeatsRepeatAndCarryRecentExits() {
        ActorRef<AgentCommand> agent = kit.spawn(NodeAgent.create(AgentSettings.declared("node-a", 4, workDir)
                .withHeartbeatInterval(Duration.ofMillis(200))));
        TestProbe<AgentEvent> control = kit.createTestProbe();
        agent.tell(new Describe(control.ref()));
        control.expectMessageClass(AgentReport.class, Duration.ofSeconds(3));
        control.expectMessageClass(AgentReport.class, Duration.ofSeconds(3));

        // Exits stay in later reports too, so one whose message was lost is still learned.
        TestProbe<AgentEvent> elsewhere = kit.createTestProbe();
        agent.tell(start("quick", 1, spec(Agents.sh("exit 4")), elsewhere));
        expectStarted(elsewhere, "quick", 1);
        expectExited(elsewhere, "quick", 1);

        AgentReport report = control.fishForMessage(Duration.ofSeconds(5), event ->
                event instanceof AgentReport r && !r.recentExits().isEmpty()
                        ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore())
                .stream().map(AgentReport.class::cast).reduce((a, b) -> b).orElseThrow();
        WorkloadExited exit = report.recentExits().get(0);
        assertThat(exit.job()).isEqualTo(JobId.of("quick"));
        assertThat(exit.exitCode()).isEqualTo(4);
        assertThat(report.running()).isEmpty();
    }

    @Test
    void theAgentRegistersWithTheReceptionist() {
        ActorRef<AgentCommand> agent = Agents.spawn(kit, workDir);
        TestProbe<Receptionist.Listing> listings = kit.createTestProbe();
        kit.system().receptionist().tell(Receptionist.subscribe(AgentKeys.AGENTS, listings.ref()));

        listings.fishForMessage(Duration.ofSeconds(5), listing ->
                listing.getServiceInstances(AgentKeys.AGENTS).contains(agent)
                        ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore());
    }

    @Test
    void aCommandThatMakesAHandlerFailIsDroppedAndTheAgentCarriesOn() {
        ActorRef<AgentCommand> agent = Agents.spawn(kit, workDir);
        TestProbe<AgentEvent> control = kit.createTestProbe();
        TestProbe<org.gantry.api.protocol.LogChunk> reader = kit.createTestProbe();

        agent.tell(new AgentCommand.ReadLog(null, 1, AgentCommand.LogStream.STDOUT, 0, 10, reader.ref()));
        agent.tell(new Describe(control.ref()));

        control.expectMessageClass(AgentReport.class, Duration.ofSeconds(3));
        reader.expectNoMessage(Duration.ofMillis(100));
    }
}
