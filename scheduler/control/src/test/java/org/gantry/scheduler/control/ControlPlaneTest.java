package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.Workload;
import org.gantry.api.service.Caller;
import org.gantry.api.service.GpuAllocation;
import org.gantry.api.service.JobQuery;
import org.gantry.api.service.JobService;
import org.gantry.api.service.NodeSummary;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane in one JVM, end to end below HTTP: real sharded entities on a real RocksDB
 * journal, the scheduler singleton, the tenant directory, and a scripted agent over the real
 * receptionist. Covers the flow submit → place → start → exit, cancel, idempotent submit, a
 * restart on the same data directory, reclaiming borrowed GPUs by preemption, drain and cordon.
 */
class ControlPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TenantId TEAM = TenantId.of("team");
    private static final Caller ADMIN = new Caller.Admin();

    @TempDir
    Path dataDir;

    @Test
    void jobsRunToTheEndAndSurviveARestart() {
        List<String> ids = new ArrayList<>();
        String pendingId;
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 4), "agent-1",
                    org.apache.pekko.actor.typed.Props.empty());
            control.awaitReady();
            createTeam(control, 4);
            JobService jobs = control.services().jobs();
            for (int i = 0; i < 3; i++) {
                ids.add(submit(jobs, spec("quick-" + i, 1, ProcessWorkload.of("true")), null).id().value());
            }
            for (String id : ids) {
                Job done = awaitState(control, id, JobState.SUCCEEDED);
                assertThat(done.exitCode()).isZero();
                assertThat(done.startedAt()).isNotNull();
                assertThat(done.allocation()).isEmpty();
            }
            // Four GPUs: one 4-GPU job of 60 s holds them all, so the next one waits.
            Job big = submit(jobs, spec("big", 4, SimulatedWorkload.ofSeconds(60)), null);
            awaitState(control, big.id().value(), JobState.RUNNING);
            Job waiting = submit(jobs, spec("waiting", 2, SimulatedWorkload.ofSeconds(1)), null);
            pendingId = waiting.id().value();
            var explanation = jobs.explain(ADMIN, waiting.id()).toCompletableFuture().join();
            assertThat(explanation.state()).isEqualTo(JobState.PENDING);
            // Cancelling the running job stops it; the waiting one then runs.
            jobs.cancel(ADMIN, big.id()).toCompletableFuture().join();
            Job cancelled = awaitState(control, big.id().value(), JobState.CANCELLED);
            assertThat(cancelled.reason()).contains("cancelled");
            awaitState(control, pendingId, JobState.SUCCEEDED);
            // Park one more job that can never run (8 GPUs on a 4-GPU node) across the restart.
            pendingId = submit(jobs, spec("too-big", 8, ProcessWorkload.of("true")), null).id().value();
        }
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            JobService jobs = control.services().jobs();
            for (String id : ids) {
                assertThat(jobs.get(ADMIN, org.gantry.api.job.JobId.of(id)).toCompletableFuture().join().state())
                        .isEqualTo(JobState.SUCCEEDED);
            }
            var page = jobs.list(ADMIN, new JobQuery(null, TEAM, null, 100)).toCompletableFuture().join();
            assertThat(page.jobs()).hasSize(6);
            assertThat(jobs.list(ADMIN, new JobQuery(JobState.SUCCEEDED, null, null, 100)).toCompletableFuture()
                    .join().jobs()).hasSize(4).allMatch(job -> job.state() == JobState.SUCCEEDED);
            assertThat(jobs.list(ADMIN, new JobQuery(JobState.CANCELLED, TEAM, null, 100)).toCompletableFuture()
                    .join().jobs()).extracting(Job::name).containsExactly("big");
            // Pages of two, newest first, follow the cursor through all six.
            List<Job> paged = new ArrayList<>();
            String cursor = null;
            do {
                var next = jobs.list(ADMIN, new JobQuery(null, null, cursor, 2)).toCompletableFuture().join();
                paged.addAll(next.jobs());
                cursor = next.nextCursor();
            } while (cursor != null);
            assertThat(paged).extracting(Job::id).containsExactlyElementsOf(
                    page.jobs().stream().map(Job::id).toList());
            assertThat(paged).isSortedAccordingTo(java.util.Comparator.comparing(Job::submittedAt).reversed());
            var queue = jobs.queue(ADMIN).toCompletableFuture().join();
            assertThat(queue).extracting(entry -> entry.id().value()).containsExactly(pendingId);
        }
    }

    /** The setting chooses gittins; jobs of two shapes run under it, and again after a restart, which relearns from them. */
    @Test
    void theGittinsPolicyChosenInTheSettingsRunsJobsAcrossARestart() {
        String gittins = "gantry.scheduler.policy = \"gittins\"";
        for (int life = 0; life < 2; life++) {
            try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir, gittins)) {
                control.system.systemActorOf(ScriptedAgent.create("node-1", 4), "agent-1",
                        org.apache.pekko.actor.typed.Props.empty());
                control.awaitReady();
                if (life == 0) {
                    createTeam(control, 4);
                }
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    ids.add(submit(control.services().jobs(), spec("quick", 1 + i % 2, ProcessWorkload.of("true")),
                            null).id().value());
                }
                ids.forEach(id -> awaitState(control, id, JobState.SUCCEEDED));
            }
        }
    }

    /** An agent between control planes when its trainer ended reports no epochs: they come with the exit. */
    @Test
    void aTrainersLastEpochsArriveWithItsExit() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 4), "agent-1",
                    org.apache.pekko.actor.typed.Props.empty());
            control.awaitReady();
            createTeam(control, 4);
            Job trained = submit(control.services().jobs(),
                    spec("trained", 1, ProcessWorkload.of("epochs-then-exit", "6")), null);
            Job done = awaitState(control, trained.id().value(), JobState.SUCCEEDED);
            assertThat(done.progress()).isNotNull();
            assertThat(done.progress().epoch()).isEqualTo(6);
        }
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstJob() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            createTeam(control, 4);
            JobService jobs = control.services().jobs();
            JobSpec spec = spec("once", 1, SimulatedWorkload.ofSeconds(30));
            var first = jobs.submit(ADMIN, spec, Optional.of("key-1")).toCompletableFuture().join();
            var again = jobs.submit(ADMIN, spec, Optional.of("key-1")).toCompletableFuture().join();
            assertThat(first.created()).isTrue();
            assertThat(again.created()).isFalse();
            assertThat(again.job().id()).isEqualTo(first.job().id());
            JobSpec other = spec("other", 2, SimulatedWorkload.ofSeconds(30));
            assertThatThrownBy(() -> jobs.submit(ADMIN, other, Optional.of("key-1")).toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ServiceException.Conflict.class);
        }
    }

    @Test
    void unknownTenantsAndForeignJobsAreRefused() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            createTeam(control, 4);
            JobService jobs = control.services().jobs();
            JobSpec stranger = spec("x", 1, ProcessWorkload.of("true")).withTenant(TenantId.of("nobody"));
            assertThatThrownBy(() -> jobs.submit(ADMIN, stranger, Optional.empty()).toCompletableFuture().join())
                    .hasCauseInstanceOf(ServiceException.Invalid.class)
                    .hasMessageContaining("POST /api/v1/tenants");
            Job mine = submit(jobs, spec("mine", 1, SimulatedWorkload.ofSeconds(30)), null);
            Caller other = new Caller.Tenant(TenantId.of("other"));
            assertThatThrownBy(() -> jobs.get(other, mine.id()).toCompletableFuture().join())
                    .hasCauseInstanceOf(ServiceException.NotFound.class);
            assertThatThrownBy(() -> jobs.cancel(other, mine.id()).toCompletableFuture().join())
                    .hasCauseInstanceOf(ServiceException.NotFound.class);
        }
    }

    private static NodeSummary node(CompletionStage<List<NodeSummary>> nodes, String id) {
        return nodes.toCompletableFuture().join().stream().filter(node -> node.id().value().equals(id))
                .findFirst().orElseThrow();
    }

    private static void createTeam(ControlPlaneHarness control, int guaranteed) {
        control.services().tenants().create(ADMIN, new TenantSpec(TEAM,
                Map.of(PoolId.DEFAULT, new PoolQuota(guaranteed, PoolQuota.UNLIMITED)))).toCompletableFuture().join();
    }

    private static JobSpec spec(String name, int gpus, Workload workload) {
        return JobSpec.builder(name, GpuRequest.fixed(gpus), workload).tenant(TEAM).build();
    }

    private static Job submit(JobService jobs, JobSpec spec, String key) {
        return jobs.submit(ADMIN, spec, Optional.ofNullable(key)).toCompletableFuture().join().job();
    }

    private static Job awaitState(ControlPlaneHarness control, String id, JobState state) {
        return ControlPlaneHarness.await("job " + id + " to be " + state,
                () -> control.services().jobs().get(ADMIN, org.gantry.api.job.JobId.of(id)),
                job -> job.state() == state, WAIT);
    }
    @Test
    void aTenantWithinItsGuaranteeReclaimsBorrowedGpus() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 4), "agent-1",
                    org.apache.pekko.actor.typed.Props.empty());
            control.awaitReady();
            TenantId owner = TenantId.of("owner");
            TenantId borrower = TenantId.of("borrower");
            var tenants = control.services().tenants();
            tenants.create(ADMIN, new TenantSpec(owner, Map.of(PoolId.DEFAULT, new PoolQuota(4, 4))))
                    .toCompletableFuture().join();
            tenants.create(ADMIN, new TenantSpec(borrower, Map.of(PoolId.DEFAULT, new PoolQuota(0, 4))))
                    .toCompletableFuture().join();
            JobService jobs = control.services().jobs();
            List<Job> borrowed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                borrowed.add(submit(jobs, JobSpec.builder("borrowed-" + i, GpuRequest.fixed(1),
                        SimulatedWorkload.ofSeconds(600)).tenant(borrower).build(), null));
            }
            for (Job job : borrowed) {
                awaitState(control, job.id().value(), JobState.RUNNING);
            }
            // The owner's guarantee covers every GPU: two borrowed jobs make room, and wait again.
            Job owned = submit(jobs, JobSpec.builder("owned", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(600))
                    .tenant(owner).build(), null);
            awaitState(control, owned.id().value(), JobState.RUNNING);
            List<JobState> states = new ArrayList<>();
            for (Job job : borrowed) {
                states.add(jobs.get(ADMIN, job.id()).toCompletableFuture().join().state());
            }
            assertThat(states).containsExactlyInAnyOrder(JobState.RUNNING, JobState.RUNNING, JobState.PENDING,
                    JobState.PENDING);
            Job requeued = borrowed.stream().map(job -> jobs.get(ADMIN, job.id()).toCompletableFuture().join())
                    .filter(job -> job.state() == JobState.PENDING).findFirst().orElseThrow();
            assertThat(requeued.reason()).contains("preempted for " + owned.id());
            assertThat(requeued.attempt()).isEqualTo(1);
        }
    }

    @Test
    void drainingANodeMovesItsJobsAndCordonKeepsNewOnesAway() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 2), "agent-1",
                    org.apache.pekko.actor.typed.Props.empty());
            control.awaitReady();
            createTeam(control, 4);
            JobService jobs = control.services().jobs();
            var cluster = control.services().cluster();
            Job first = submit(jobs, spec("first", 2, SimulatedWorkload.ofSeconds(600)), null);
            awaitState(control, first.id().value(), JobState.RUNNING);
            control.system.systemActorOf(ScriptedAgent.create("node-2", 2), "agent-2",
                    org.apache.pekko.actor.typed.Props.empty());
            ControlPlaneHarness.await("node-2 registered", () -> cluster.nodes(ADMIN), nodes -> nodes.size() == 2,
                    WAIT);
            // Each GPU the job holds, by index; a tenant that may not see the job sees them just allocated.
            assertThat(node(cluster.nodes(ADMIN), "node-1").allocated()).containsExactly(
                    new GpuAllocation(0, first.id(), TEAM), new GpuAllocation(1, first.id(), TEAM));
            assertThat(node(cluster.nodes(new Caller.Tenant(TenantId.of("other"))), "node-1").allocated())
                    .containsExactly(new GpuAllocation(0, null, null), new GpuAllocation(1, null, null));

            var drained = cluster.act(ADMIN, org.gantry.api.cluster.NodeId.of("node-1"),
                    org.gantry.api.service.ClusterService.NodeAction.DRAIN).toCompletableFuture().join();
            assertThat(drained.status()).isEqualTo(org.gantry.api.cluster.NodeStatus.DRAINING);
            Job moved = ControlPlaneHarness.await("the job to run on node-2",
                    () -> jobs.get(ADMIN, first.id()), job -> job.state() == JobState.RUNNING
                            && job.allocation().containsKey(org.gantry.api.cluster.NodeId.of("node-2")), WAIT);
            assertThat(moved.attempt()).isEqualTo(2);
            // Its jobs gone, the drained node says so (as Slurm does), instead of draining forever.
            ControlPlaneHarness.await("node-1 to be shown DRAINED", () -> cluster.nodes(ADMIN),
                    nodes -> nodes.stream().anyMatch(node -> node.id().value().equals("node-1")
                            && node.status() == org.gantry.api.cluster.NodeStatus.DRAINED), WAIT);

            // node-2 is cordoned too: a new job waits, and runs once node-1 is opened again.
            cluster.act(ADMIN, org.gantry.api.cluster.NodeId.of("node-2"),
                    org.gantry.api.service.ClusterService.NodeAction.CORDON).toCompletableFuture().join();
            Job waiting = submit(jobs, spec("waiting", 1, SimulatedWorkload.ofSeconds(600)), null);
            ControlPlaneHarness.await("an explanation", () -> jobs.explain(ADMIN, waiting.id()),
                    why -> why.queuePosition() != null, WAIT);
            assertThat(jobs.get(ADMIN, waiting.id()).toCompletableFuture().join().state())
                    .isEqualTo(JobState.PENDING);
            cluster.act(ADMIN, org.gantry.api.cluster.NodeId.of("node-1"),
                    org.gantry.api.service.ClusterService.NodeAction.UNCORDON).toCompletableFuture().join();
            awaitState(control, waiting.id().value(), JobState.RUNNING);
        }
    }

    @Test
    void aGangFailsAsAWholeAndItsStoppingPartsKeepTheirGpusUntilGone() {
        var usage = new java.util.concurrent.ConcurrentLinkedQueue<ScriptedAgent.Use>();
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            for (String node : List.of("node-1", "node-2")) {
                control.system.systemActorOf(ScriptedAgent.create(node, 2, Duration.ofMillis(1500), usage),
                        "agent-" + node, org.apache.pekko.actor.typed.Props.empty());
            }
            control.awaitReady();
            createTeam(control, 4);
            JobService jobs = control.services().jobs();
            ControlPlaneHarness.await("two nodes", () -> control.services().cluster().nodes(ADMIN),
                    nodes -> nodes.size() == 2, WAIT);
            // A 4-GPU gang over both nodes; its part on node-1 fails, the one on node-2 takes 1.5 s to stop.
            Job gang = submit(jobs, spec("gang", 4, new ProcessWorkload(List.of("exit-on", "node-1", "3"), null,
                    null, null)), null);
            Job failed = awaitState(control, gang.id().value(), JobState.FAILED);
            assertThat(failed.exitCode()).isEqualTo(3);
            // Two 2-GPU jobs: one fits on node-1 at once; the other must wait for node-2's part to be gone.
            Job first = submit(jobs, spec("after-1", 2, SimulatedWorkload.ofSeconds(1)), null);
            Job second = submit(jobs, spec("after-2", 2, SimulatedWorkload.ofSeconds(1)), null);
            awaitState(control, first.id().value(), JobState.SUCCEEDED);
            awaitState(control, second.id().value(), JobState.SUCCEEDED);
        }
        List<ScriptedAgent.Use> uses = new ArrayList<>(usage);
        assertThat(uses).extracting(ScriptedAgent.Use::job).hasSize(4);
        for (ScriptedAgent.Use a : uses) {
            for (ScriptedAgent.Use b : uses) {
                boolean sameGpu = a != b && a.node().equals(b.node())
                        && a.gpus().stream().anyMatch(b.gpus()::contains);
                assertThat(sameGpu && a.from() < b.to() && b.from() < a.to())
                        .as("%s and %s used a GPU of %s at once", a.job(), b.job(), a.node()).isFalse();
            }
        }
    }

    @Test
    void aSucceedingGangEndsWhenEveryPartHas() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            for (String node : List.of("node-1", "node-2")) {
                control.system.systemActorOf(ScriptedAgent.create(node, 2), "agent-" + node,
                        org.apache.pekko.actor.typed.Props.empty());
            }
            control.awaitReady();
            createTeam(control, 4);
            ControlPlaneHarness.await("two nodes", () -> control.services().cluster().nodes(ADMIN),
                    nodes -> nodes.size() == 2, WAIT);
            Job gang = submit(control.services().jobs(), spec("gang", 4, SimulatedWorkload.ofSeconds(2)), null);
            Job done = awaitState(control, gang.id().value(), JobState.SUCCEEDED);
            assertThat(done.exitCode()).isZero();
        }
    }
}
