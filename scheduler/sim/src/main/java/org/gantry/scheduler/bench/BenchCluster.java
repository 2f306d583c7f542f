package org.gantry.scheduler.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.QueueOrder;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.state.AppliedPlan;
import org.gantry.scheduler.policy.state.ClusterState;
import org.gantry.scheduler.policy.state.DurationKnowledge;
import org.gantry.scheduler.policy.state.PlanApplier;
import org.gantry.scheduler.predict.JobFeatures;

/**
 * The benchmark's cluster: the same {@link ClusterState} the simulator and the scheduler actor
 * keep between passes (free GPUs per node, running jobs by estimated end, each tenant's usage,
 * the pending queue sorted incrementally, so building a snapshot costs an array copy, never a
 * sort), plus a clock. Applying a plan checks it first: a plan for an older version, a GPU that
 * is not free, or a job that is not waiting means the benchmark measured something broken, and
 * it stops.
 */
final class BenchCluster {
    /** Finished jobs the duration knowledge learns from first, as a restarted scheduler reads its latest successes. */
    static final int LEARNED_AT_START = 10_000;

    private final ClusterState state;
    /** Estimates and outlooks as production keeps them: attached at queueing, learned at every finish. */
    private final DurationKnowledge knowledge;
    private final int totalGpus;
    private long now;
    private int freeGpus;

    BenchCluster(int nodeCount, int gpusPerNode, QueueOrder order) {
        this.state = new ClusterState(order);
        this.knowledge = DurationKnowledge.forOrder(order);
        GpuSet all = GpuSet.firstN(gpusPerNode);
        for (int i = 0; i < nodeCount; i++) {
            state.putNode(new NodeView(NodeId.of("node-" + i), PoolId.DEFAULT, "bench", 81_920, Map.of(), true, all,
                    all));
        }
        this.totalGpus = nodeCount * gpusPerNode;
        this.freeGpus = totalGpus;
        state.setQuotas(evenQuotas(totalGpus));
    }

    /** Each tenant is guaranteed an equal share and may borrow up to the whole cluster. */
    private static QuotaBook evenQuotas(int totalGpus) {
        var quotas = new HashMap<TenantPool, PoolQuota>();
        int share = totalGpus / SyntheticJobs.TENANTS.size();
        SyntheticJobs.TENANTS.forEach(tenant ->
                quotas.put(new TenantPool(tenant, PoolId.DEFAULT), new PoolQuota(share, totalGpus)));
        return QuotaBook.of(quotas);
    }

    /** The history a restarted scheduler starts from: {@code count} finished jobs of the same mix. */
    void learnFrom(SyntheticJobs finished, int count) {
        for (int i = 0; i < count; i++) {
            PendingJob job = finished.next(now);
            knowledge.learn(features(job.owner(), job.gpus()), job.estimatedSeconds());
        }
    }

    /** Queues the job with the outlook production would attach to it now. */
    void submit(PendingJob job) {
        state.enqueue(new PendingJob(job.id(), job.owner(), job.gpus(), job.constraints(), job.submittedAt(),
                job.estimatedSeconds(), job.priority(), job.preemptible(), job.attainedGpuSeconds(),
                knowledge.outlook(features(job.owner(), job.gpus()))));
    }

    /** Synthetic jobs are grouped as the simulator groups unnamed trace jobs: by tenant and GPU count. */
    private static JobFeatures features(TenantPool owner, GpuRequest gpus) {
        return new JobFeatures(owner.tenant().value(), "", gpus.min());
    }

    /** The state as a pass sees it now; each call is a new version. */
    Snapshot snapshot() {
        return state.snapshot(now);
    }

    /** Applies every decision of the plan; returns how many jobs it started. */
    int apply(Plan plan) {
        AppliedPlan applied = PlanApplier.apply(state, plan, now, terms);
        if (!applied.refused().isEmpty()) {
            throw new IllegalStateException("the plan does not fit the state it was made on: " + applied.refused());
        }
        for (RunningJob victim : applied.stopped()) {
            freeGpus += victim.gpuCount();
        }
        for (RunningJob started : applied.started()) {
            freeGpus -= started.gpuCount();
        }
        return applied.started().size();
    }

    /** Benchmark jobs never checkpoint; a preempted one waits again, see {@link #requeued}. */
    private final PlanApplier.Terms terms = new PlanApplier.Terms(job -> 0, this::requeued);

    /**
     * A victim waits again (as if its checkpoint were instant) with the service it had, submitted
     * anew, told what was left of its estimate.
     */
    private PendingJob requeued(RunningJob victim, long at) {
        return new PendingJob(victim.id(), victim.owner(), victim.gpus(), PlacementConstraints.EMPTY, at,
                Math.max(1, victim.estimatedEnd() - at), victim.priority(), victim.preemptible(),
                victim.attainedAt(at), knowledge.outlook(features(victim.owner(), victim.gpus())));
    }

    /** Moves the clock forward (never back); running jobs keep their estimated ends. */
    void advanceTo(long time) {
        now = Math.max(now, time);
    }

    /** Ends the running job expected to end first, moving the clock to its end; returns it. */
    RunningJob finishNext() {
        RunningJob job = state.running().first();
        if (job == null) {
            throw new IllegalStateException("nothing is running");
        }
        now = Math.max(now, job.estimatedEnd());
        release(job);
        knowledge.learn(features(job.owner(), job.gpus()), Math.max(1, job.estimatedEnd() - job.allocatedAt()));
        return job;
    }

    private void release(RunningJob job) {
        state.release(job.id());
        freeGpus += job.gpuCount();
    }

    int pendingCount() {
        return state.queue().size();
    }

    int runningCount() {
        return state.running().size();
    }

    int freeGpus() {
        return freeGpus;
    }

    int totalGpus() {
        return totalGpus;
    }

    /** GPUs held by running jobs, counted from their allocations (not from the running tally). */
    int heldGpus() {
        int held = 0;
        for (RunningJob job : state.running()) {
            held += job.gpuCount();
        }
        return held;
    }

    /** GPUs marked taken on the nodes, counted from the free masks. */
    int takenGpus() {
        int taken = 0;
        for (NodeView node : state.nodes()) {
            taken += node.capacity() - node.free().size();
        }
        return taken;
    }

    long now() {
        return now;
    }

    List<RunningJob> runningJobs() {
        return new ArrayList<>(state.running());
    }
}
