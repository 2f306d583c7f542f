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
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.Caller;
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
 * next attempt on the GPUs the plan chose, never back in the queue, and no GPU is used twice.
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
