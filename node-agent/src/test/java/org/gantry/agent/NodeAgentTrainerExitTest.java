package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.agent.Agents.WAIT;
import static org.gantry.agent.Agents.expectStarted;
import static org.gantry.agent.Agents.sh;
import static org.gantry.agent.Agents.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.agent.objects.Artifacts;
import org.gantry.agent.objects.Checkpoints;
import org.gantry.agent.objects.ObjectTransfer;
import org.gantry.agent.run.ProcessRunner;
import org.gantry.agent.run.Runners;
import org.gantry.agent.run.SimulatedRunner;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.Describe;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainer that succeeded ends its job only once its model is a version in the registry, and
 * its final epochs travel with its exit: through a shipment under way when it ended, and through
 * an agent incarnation that died while the model was being published. The trainer here is a
 * shell script that prints the progress lines Gantry's trainer prints; the model store is a fake
 * whose answers the test holds back.
 */
class NodeAgentTrainerExitTest {
    private static final TrainingProgress EPOCH_1 = new TrainingProgress(1, 2, 0.9, 0.8, 0.7);
    private static final TrainingProgress EPOCH_2 = new TrainingProgress(2, 2, 0.5, 0.4, 0.3);

    @TempDir
    Path workDir;
    private final AgentMemory memory = new AgentMemory();
    private final List<ActorTestKit> kits = new ArrayList<>();
    /** What the scripted trainer does after its epochs. */
    private String trainerEnd = "exit 0";

    @AfterEach
    void shutDown() {
        kits.forEach(ActorTestKit::shutdownTestKit);
    }

    @Test
    void aTrainerWhoseAgentDiedWhileItsModelWasPublishedIsPublishedByTheNextIncarnation() {
        HeldModels first = new HeldModels();
        ActorTestKit dying = kit();
        TestProbe<AgentEvent> oldControl = dying.createTestProbe();
        incarnation(dying, first, Checkpoints.LOCAL).tell(start("trained", 1, training(null), oldControl));
        expectStarted(oldControl, "trained", 1);
        awaitSize(oldControl, "publications asked of the first incarnation", first.asked, 1);
        dying.shutdownTestKit(); // its publication's answer would go to this incarnation

        HeldModels second = new HeldModels();
        ActorTestKit next = kit();
        ActorRef<AgentCommand> agent = incarnation(next, second, Checkpoints.LOCAL);
        TestProbe<AgentEvent> control = next.createTestProbe();
        agent.tell(new Describe(control.ref()));
        awaitSize(control, "publications asked of the next incarnation", second.asked, 1);
        expectNoExitFor(control, Duration.ofMillis(500));
        second.answer(0, 7);

        WorkloadExited exit = nextExit(control);
        assertThat(exit.cause()).isEqualTo(ExitCause.COMPLETED);
        assertThat(exit.exitCode()).isZero();
        assertThat(exit.message()).endsWith("model saved as version 7");
        assertThat(exit.lastEpochs()).containsExactly(EPOCH_1, EPOCH_2);
    }

    @Test
    void aShipmentUnderWayWhenTheTrainerSucceedsDoesNotEndItBeforeItsModelIsKept() throws Exception {
        HeldModels models = new HeldModels();
        HeldShipments shipments = new HeldShipments();
        Path go = workDir.resolve("go");
        ActorTestKit kit = kit();
        TestProbe<AgentEvent> control = kit.createTestProbe();
        trainerEnd = "while [ ! -e " + go + " ]; do sleep 0.05; done";
        incarnation(kit, models, shipments).tell(start("shipping", 1, training(CheckpointPolicy.of(1, 5L)), control));
        expectStarted(control, "shipping", 1);
        awaitSize(control, "periodic shipments under way", shipments.held, 1);
        Files.createFile(go);
        awaitSize(control, "publications asked", models.asked, 1);

        shipments.releaseAll();
        expectNoExitFor(control, Duration.ofSeconds(2));
        models.answer(0, 3);

        WorkloadExited exit = nextExit(control);
        assertThat(exit.exitCode()).isZero();
        assertThat(exit.message()).endsWith("model saved as version 3");
        assertThat(exit.lastEpochs()).containsExactly(EPOCH_1, EPOCH_2);
    }

    private static JobSpec training(CheckpointPolicy checkpoint) {
        var workload = new DjlTrainWorkload(null, "/data/rows.csv", "y", "m", null, 0.01, 2, 8, 0.2, 1);
        var spec = JobSpec.builder("train", GpuRequest.fixed(2), workload).tenant(TenantId.of("acme"));
        if (checkpoint != null) {
            spec.checkpoint(checkpoint);
        }
        return spec.build();
    }

    /** Runners whose trainer is a script printing two epochs as Gantry's own trainer does, then {@code rest}. */
    private static Runners scriptedTrainer(String rest) {
        ProcessRunner processes = new ProcessRunner(System.getenv(), org.gantry.agent.isolation.Isolation.NOT_ASKED);
        Runners standard = Runners.standard();
        return new Runners(processes, new SimulatedRunner(), (launch, train) -> processes.launch(launch,
                sh("echo '" + EPOCH_1.toLine() + "'; echo '" + EPOCH_2.toLine() + "'; " + rest)), standard.djlServe());
    }

    private ActorRef<AgentCommand> incarnation(ActorTestKit kit, Artifacts models, Checkpoints checkpoints) {
        AgentSettings settings = AgentSettings.declared(Agents.NODE.value(), 4, workDir)
                .withKillGrace(Duration.ofSeconds(1)).withHeartbeatInterval(Duration.ofMinutes(1));
        return kit.spawn(NodeAgent.create(settings, scriptedTrainer(trainerEnd), memory,
                (system, scratch) -> checkpoints, (system, scratch) -> models));
    }

    private ActorTestKit kit() {
        ActorTestKit kit = ActorTestKit.create();
        kits.add(kit);
        return kit;
    }

    private static void awaitSize(TestProbe<AgentEvent> probe, String what, List<?> list, int size) {
        probe.awaitAssert(WAIT, () -> {
            assertThat(list).as(what).hasSize(size);
            return null;
        });
    }

    private static void expectNoExitFor(TestProbe<AgentEvent> probe, Duration quiet) {
        Instant until = Instant.now().plus(quiet);
        List<AgentEvent> seen = new ArrayList<>();
        for (Duration left = quiet; left.compareTo(Duration.ZERO) > 0; left = Duration.between(Instant.now(), until)) {
            try {
                seen.add(probe.receiveMessage(left));
            } catch (AssertionError nothingMore) {
                break;
            }
        }
        assertThat(seen).as("no exit before the model is kept").noneMatch(WorkloadExited.class::isInstance);
    }

    private static WorkloadExited nextExit(TestProbe<AgentEvent> control) {
        List<AgentEvent> seen = control.fishForMessage(WAIT, event -> event instanceof WorkloadExited
                ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
        return (WorkloadExited) seen.get(seen.size() - 1);
    }

    /** A model registry whose answers the test gives, one per publication asked. */
    private static final class HeldModels implements Artifacts {
        final List<CompletableFuture<Integer>> asked = new CopyOnWriteArrayList<>();

        void answer(int publication, int version) {
            asked.get(publication).complete(version);
        }

        @Override
        public CompletionStage<Integer> publishModel(TenantId tenant, String model, JobId job, int attempt, Path dir) {
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            asked.add(answer);
            return answer;
        }

        @Override
        public CompletionStage<Integer> fetchModel(TenantId tenant, String model, Integer version, Path dir) {
            return LOCAL.fetchModel(tenant, model, version, dir);
        }

        @Override
        public CompletionStage<Long> fetchDataset(TenantId tenant, String dataset, JobId job, Path file) {
            return LOCAL.fetchDataset(tenant, dataset, job, file);
        }
    }

    /** A checkpoint store whose shipments finish when the test says; nothing is ever stored. */
    private static final class HeldShipments implements Checkpoints {
        final List<CompletableFuture<Optional<ObjectTransfer.Shipped>>> held = new CopyOnWriteArrayList<>();
        private volatile boolean released;

        void releaseAll() {
            released = true;
            held.forEach(shipment -> shipment.complete(Optional.empty()));
        }

        @Override
        public boolean shipped() {
            return true;
        }

        @Override
        public CompletionStage<Optional<ObjectTransfer.Fetched>> restore(JobId job, Path dir) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletionStage<Optional<ObjectTransfer.Shipped>> ship(JobId job, int attempt, Path dir) {
            if (released) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            CompletableFuture<Optional<ObjectTransfer.Shipped>> shipment = new CompletableFuture<>();
            held.add(shipment);
            return shipment;
        }
    }
}
