package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.actor.typed.Props;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ClusterService.NodeAction;
import org.gantry.api.service.JobService;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elastic resizes through the whole control plane in one JVM (real entities on RocksDB, the
 * scheduler singleton, a scripted agent whose stops take a while, like a checkpoint): a job grows
 * into GPUs another job left, and shrinks for another tenant's guaranteed job, each time as its
 * next attempt on the GPUs the plan chose, never back in the queue, and no GPU is used twice; a
 * cordon mid-resize requeues it instead, a cancel mid-resize ends it.
 */
class ControlPlaneResizeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Caller ADMIN = new Caller.Admin();
    private static final TenantId TEAM = TenantId.of("team");
    private static final TenantId OWNER = TenantId.of("owner");

    @TempDir
    Path dataDir;

    @Test
    void anElasticJobGrowsIntoIdleGpusAndShrinksForAGuaranteedJobWithoutGoingBackToTheQueue() {
        var usage = new ConcurrentLinkedQueue<ScriptedAgent.Use>();
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir,
                "gantry.scheduler.elastic-regrow-after = 1h")) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 4, Duration.ofMillis(300), usage), "agent-1",
                    Props.empty());
            control.awaitReady();
            var tenants = control.services().tenants();
            tenants.create(ADMIN, new TenantSpec(TEAM, Map.of(PoolId.DEFAULT, new PoolQuota(1, 4))))
                    .toCompletableFuture().join();
            tenants.create(ADMIN, new TenantSpec(OWNER, Map.of(PoolId.DEFAULT, new PoolQuota(2, 4))))
                    .toCompletableFuture().join();
            JobService jobs = control.services().jobs();
            Job blocker = submit(jobs, JobSpec.builder("blocker", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(2))
                    .tenant(TEAM).build());
            awaitState(control, blocker.id(), JobState.RUNNING);
            Job elastic = submit(jobs, JobSpec.builder("elastic", GpuRequest.elastic(1, 4),
                    SimulatedWorkload.ofSeconds(600)).tenant(TEAM).build());
            Job narrow = awaitState(control, elastic.id(), JobState.RUNNING);
            assertThat(narrow.gpuCount()).as("starts as wide as the free GPUs allow").isEqualTo(2);

            // The blocker ends: the elastic job grows into its two GPUs.
            Job grown = ControlPlaneHarness.await("the elastic job to run on 4 GPUs",
                    () -> jobs.get(ADMIN, elastic.id()), job -> job.state() == JobState.RUNNING
                            && job.gpuCount() == 4, WAIT);
            assertThat(grown.attempt()).isEqualTo(2);
            assertThat(grown.reason()).isEqualTo("resized 2 → 4 GPUs: grown into 2 idle GPUs");

            // Another tenant's job within its guarantee: the elastic job shrinks to make room.
            Job owned = submit(jobs, JobSpec.builder("owned", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(600))
                    .tenant(OWNER).build());
            awaitState(control, owned.id(), JobState.RUNNING);
            Job shrunk = ControlPlaneHarness.await("the elastic job to run on 2 GPUs",
                    () -> jobs.get(ADMIN, elastic.id()), job -> job.state() == JobState.RUNNING
                            && job.gpuCount() == 2, WAIT);
            assertThat(shrunk.attempt()).isEqualTo(3);
            assertThat(shrunk.reason()).startsWith("resized 4 → 2 GPUs: shrunk to make room for job " + owned.id());

            // The owner's job ends: two GPUs idle, but the job was resized moments ago and does not flap back.
            jobs.cancel(ADMIN, owned.id()).toCompletableFuture().join();
            awaitState(control, owned.id(), JobState.CANCELLED);
            sleep(Duration.ofSeconds(2)); // ten scheduler ticks
            Job kept = jobs.get(ADMIN, elastic.id()).toCompletableFuture().join();
            assertThat(kept.attempt()).as("not grown again within elastic-regrow-after").isEqualTo(3);
            assertThat(kept.gpuCount()).isEqualTo(2);

            List<JobHistoryEntry> history = jobs.history(ADMIN, elastic.id()).toCompletableFuture().join();
            assertThat(history).extracting(JobHistoryEntry::event).doesNotContain("Requeued")
                    .containsSubsequence("Scheduled", "Started", "ResizeRequested", "Resized", "Started",
                            "ResizeRequested", "Resized", "Started");
            // Pending once, after its submit: never again.
            assertThat(history.subList(1, history.size())).extracting(JobHistoryEntry::state)
                    .doesNotContain(JobState.PENDING);
            assertThat(history).extracting(JobHistoryEntry::detail)
                    .anyMatch(detail -> detail.startsWith("resized 2 → 4 GPUs: grown into 2 idle GPUs; attempt 2"));
        }
        assertNoGpuUsedTwiceAtOnce(usage);
    }

    @Test
    void aCordonDuringAResizeRequeuesTheJobAndACancelDuringOneEndsIt() {
        var usage = new ConcurrentLinkedQueue<ScriptedAgent.Use>();
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            // Stops take 2 s, like a job writing its checkpoint: long enough to act mid-resize.
            control.system.systemActorOf(ScriptedAgent.create("node-1", 4, Duration.ofSeconds(2), usage), "agent-1",
                    Props.empty());
            control.awaitReady();
            var tenants = control.services().tenants();
            tenants.create(ADMIN, new TenantSpec(TEAM, Map.of(PoolId.DEFAULT, new PoolQuota(1, 4))))
                    .toCompletableFuture().join();
            tenants.create(ADMIN, new TenantSpec(OWNER, Map.of(PoolId.DEFAULT, new PoolQuota(2, 4))))
                    .toCompletableFuture().join();
            JobService jobs = control.services().jobs();
            var cluster = control.services().cluster();
            NodeId node = NodeId.of("node-1");
            Job blocker = submit(jobs, JobSpec.builder("blocker", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(1))
                    .tenant(TEAM).build());
            awaitState(control, blocker.id(), JobState.RUNNING);
            Job elastic = submit(jobs, JobSpec.builder("elastic", GpuRequest.elastic(1, 4),
                    SimulatedWorkload.ofSeconds(600)).tenant(TEAM).build());
            awaitState(control, elastic.id(), JobState.RUNNING);

            // The blocker ends, the growth starts; the node is cordoned while the job stops for it.
            Job growing = awaitResizing(control, elastic.id());
            assertThat(growing.resizeTo().get(node)).hasSize(4);
            cluster.act(ADMIN, node, NodeAction.CORDON).toCompletableFuture().join();
            Job requeued = awaitState(control, elastic.id(), JobState.PENDING);
            assertThat(requeued.reason()).isEqualTo("node node-1 is cordoned");
            assertThat(requeued.resizeTo()).isEmpty();
            cluster.act(ADMIN, node, NodeAction.UNCORDON).toCompletableFuture().join();
            Job placed = awaitState(control, elastic.id(), JobState.RUNNING);
            assertThat(placed.attempt()).isEqualTo(2);
            assertThat(placed.gpuCount()).as("placed anew, as wide as the node allows").isEqualTo(4);

            // Another tenant's job makes it shrink; it is cancelled while it stops for that.
            Job owned = submit(jobs, JobSpec.builder("owned", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(600))
                    .tenant(OWNER).build());
            Job shrinking = awaitResizing(control, elastic.id());
            assertThat(shrinking.resizeTo().get(node)).hasSize(2);
            jobs.cancel(ADMIN, elastic.id()).toCompletableFuture().join();
            Job cancelled = awaitState(control, elastic.id(), JobState.CANCELLED);
            assertThat(cancelled.attempt()).isEqualTo(2);
            assertThat(awaitState(control, owned.id(), JobState.RUNNING).gpuCount()).isEqualTo(2);
            // Nothing stays booked for the cancelled job: a 2-GPU job of the team fits beside the owner's.
            Job after = submit(jobs, JobSpec.builder("after", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(600))
                    .tenant(TEAM).build());
            awaitState(control, after.id(), JobState.RUNNING);
        }
        assertNoGpuUsedTwiceAtOnce(usage);
    }

    private static Job awaitResizing(ControlPlaneHarness control, JobId id) {
        return ControlPlaneHarness.await("job " + id + " to stop for a resize", () -> control.services().jobs()
                .get(ADMIN, id), job -> job.state() == JobState.SUSPENDING && !job.resizeTo().isEmpty(), WAIT);
    }

    private static void assertNoGpuUsedTwiceAtOnce(ConcurrentLinkedQueue<ScriptedAgent.Use> usage) {
        List<ScriptedAgent.Use> uses = new ArrayList<>(usage);
        for (ScriptedAgent.Use a : uses) {
            for (ScriptedAgent.Use b : uses) {
                boolean sameGpu = a != b && a.node().equals(b.node()) && a.gpus().stream().anyMatch(b.gpus()::contains);
                assertThat(sameGpu && a.from() < b.to() && b.from() < a.to())
                        .as("%s and %s used a GPU of %s at once", a.job(), b.job(), a.node()).isFalse();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Job submit(JobService jobs, JobSpec spec) {
        return jobs.submit(ADMIN, spec, Optional.empty()).toCompletableFuture().join().job();
    }

    private static Job awaitState(ControlPlaneHarness control, JobId id, JobState state) {
        return ControlPlaneHarness.await("job " + id + " to be " + state, () -> control.services().jobs().get(ADMIN, id),
                job -> job.state() == state, WAIT);
    }
}
