package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.Caller;
import org.gantry.api.service.JobService;
import org.gantry.api.service.QueueEntry;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.gantry.scheduler.control.job.JobEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submit without an idempotency key writes its job's first event straight into the real
 * RocksDB journal ({@code FreshJobs}), without starting the job's entity: the scheduler queues the
 * job, the entity recovers the event when the job first changes and persists after it, and both
 * jobs are what they were after a restart.
 */
class FreshJobsTest {
    private static final Caller ADMIN = new Caller.Admin();
    private static final TenantId TEAM = TenantId.of("team");

    @TempDir
    Path dataDir;

    @Test
    void aFreshJobIsQueuedRecoveredByItsEntityAndKeptOverARestart() {
        JobId cancelled;
        JobId waiting;
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady(); // no nodes: jobs wait
            control.services().tenants().create(ADMIN, new TenantSpec(TEAM,
                    Map.of(PoolId.DEFAULT, new PoolQuota(4, PoolQuota.UNLIMITED)))).toCompletableFuture().join();
            JobService jobs = control.services().jobs();
            Job first = submit(jobs, "fresh-1");
            Job second = submit(jobs, "fresh-2");
            assertThat(first.state()).isEqualTo(JobState.PENDING);
            cancelled = first.id();
            waiting = second.id();
            awaitQueued(control, cancelled, waiting);
            assertThat(liveEntities(control)).as("no entity started for a fresh job").isEmpty();

            // The cancel starts the entity, which recovers the submit and persists after it.
            assertThat(jobs.cancel(ADMIN, cancelled).toCompletableFuture().join().state())
                    .isEqualTo(JobState.CANCELLED);
            assertThat(liveEntities(control)).containsExactly(cancelled.value());
            Job read = jobs.get(ADMIN, waiting).toCompletableFuture().join();
            assertThat(read.state()).isEqualTo(JobState.PENDING);
            assertThat(read.name()).isEqualTo("fresh-2");
            assertThat(read.tenant()).isEqualTo(TEAM);
            awaitQueued(control, waiting);
        }
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            JobService jobs = control.services().jobs();
            assertThat(jobs.get(ADMIN, cancelled).toCompletableFuture().join().state()).isEqualTo(JobState.CANCELLED);
            assertThat(jobs.get(ADMIN, waiting).toCompletableFuture().join().state()).isEqualTo(JobState.PENDING);
            awaitQueued(control, waiting);
        }
    }

    private static Job submit(JobService jobs, String name) {
        JobSpec spec = JobSpec.builder(name, GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(60)).tenant(TEAM).build();
        return jobs.submit(ADMIN, spec, Optional.empty()).toCompletableFuture().join().job();
    }

    /** The job entities alive in this node's shard region, by id. */
    private static java.util.Set<String> liveEntities(ControlPlaneHarness control) {
        ShardRegion.CurrentShardRegionState state = AskPattern.<ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
                ClusterSharding.get(control.system).shardState(),
                replyTo -> new GetShardRegionState(JobEntity.TYPE_KEY, replyTo), Duration.ofSeconds(5),
                control.system.scheduler()).toCompletableFuture().join();
        var ids = new java.util.TreeSet<String>();
        state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
        return ids;
    }

    /** Until the scheduler's queue holds exactly these jobs. */
    private static void awaitQueued(ControlPlaneHarness control, JobId... ids) {
        ControlPlaneHarness.await("the scheduler to queue " + java.util.Arrays.toString(ids),
                () -> control.services().jobs().queue(ADMIN),
                queue -> queue.stream().map(QueueEntry::id).toList().equals(java.util.List.of(ids)),
                Duration.ofSeconds(20));
    }
}
