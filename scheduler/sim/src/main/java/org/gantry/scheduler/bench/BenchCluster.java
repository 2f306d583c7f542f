package org.gantry.scheduler.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.quota.UsageLedger;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.IncrementalPendingQueue;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.QueueOrder;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.RunningJobs;
import org.gantry.scheduler.policy.Snapshot;

/**
 * What a scheduler keeps between passes, as the simulator and the scheduler actor keep it: free
 * GPUs per node, running jobs by estimated end, each tenant's usage, and the pending queue
 * sorted incrementally. So building a snapshot costs array copies, never a sort. Applying a
 * plan checks it first: a plan for an older version, a GPU that is not free, or a job that is
 * not waiting means the benchmark measured something broken, and it stops.
 */
final class BenchCluster {
    private final NodeView[] nodes;
    private final Map<NodeId, Integer> nodeIndex;
    private final int totalGpus;
    private final QuotaBook quotas;
    private final IncrementalPendingQueue queue;
    private final Map<JobId, PendingJob> pending = new HashMap<>();
    private final RunningJobs running = new RunningJobs();
    private final Map<TenantPool, Integer> usage = new HashMap<>();
    private long version;
    private long now;
    private int freeGpus;

    BenchCluster(int nodeCount, int gpusPerNode, QueueOrder order) {
        this.nodes = new NodeView[nodeCount];
        this.nodeIndex = new HashMap<>(nodeCount * 2);
        GpuSet all = GpuSet.firstN(gpusPerNode);
        for (int i = 0; i < nodeCount; i++) {
            nodes[i] = new NodeView(NodeId.of("node-" + i), PoolId.DEFAULT, "bench", 81_920, Map.of(), true, all, all);
            nodeIndex.put(nodes[i].id(), i);
        }
        this.totalGpus = nodeCount * gpusPerNode;
        this.freeGpus = totalGpus;
        this.quotas = evenQuotas(totalGpus);
        this.queue = new IncrementalPendingQueue(order);
    }

    /** Each tenant is guaranteed an equal share and may borrow up to the whole cluster. */
    private static QuotaBook evenQuotas(int totalGpus) {
        var quotas = new HashMap<TenantPool, PoolQuota>();
        int share = totalGpus / SyntheticJobs.TENANTS.size();
        SyntheticJobs.TENANTS.forEach(tenant ->
                quotas.put(new TenantPool(tenant, PoolId.DEFAULT), new PoolQuota(share, totalGpus)));
        return QuotaBook.of(quotas);
    }

    void submit(PendingJob job) {
        if (pending.putIfAbsent(job.id(), job) != null) {
            throw new IllegalStateException("job " + job.id() + " is already waiting");
        }
        queue.add(job);
    }

    /** The state as a pass sees it now; each call is a new version. */
    Snapshot snapshot() {
        version++;
        return new Snapshot(version, now, Arrays.asList(nodes), running, queue, quotas, UsageLedger.of(usage));
    }

    /** Applies every decision of the plan; returns how many jobs it started. */
    int apply(Plan plan) {
        if (plan.snapshotVersion() != version) {
            throw new IllegalStateException("plan for version " + plan.snapshotVersion() + " applied at " + version);
        }
        if (!plan.resizes().isEmpty()) {
            throw new IllegalStateException("benchmark jobs are fixed-size, yet the plan resizes " + plan.resizes());
        }
        for (Preemption preemption : plan.preemptions()) {
            preempt(preemption);
        }
        for (Placement placement : plan.placements()) {
            place(placement);
        }
        return plan.placements().size();
    }

    /** Moves the clock forward (never back); running jobs keep their estimated ends. */
    void advanceTo(long time) {
        now = Math.max(now, time);
    }

    /** Ends the running job expected to end first, moving the clock to its end; returns it. */
    RunningJob finishNext() {
        if (running.isEmpty()) {
            throw new IllegalStateException("nothing is running");
        }
        RunningJob job = running.first();
        now = Math.max(now, job.estimatedEnd());
        release(job);
        return job;
    }

    private void place(Placement placement) {
        PendingJob job = pending.remove(placement.job());
        if (job == null) {
            throw new IllegalStateException("placed job " + placement.job() + " is not waiting");
        }
        if (placement.gpuCount() != job.gpus().min()) {
            throw new IllegalStateException("job " + job.id() + " asked for " + job.gpus().min() + " GPUs, got "
                    + placement.allocation());
        }
        for (Map.Entry<NodeId, GpuSet> slice : placement.allocation().entrySet()) {
            NodeView node = nodes[indexOf(slice.getKey())];
            if (!node.free().containsAll(slice.getValue())) {
                throw new IllegalStateException("job " + job.id() + " placed on GPUs " + slice.getValue() + " of "
                        + node.id() + ", which are not free (free: " + node.free() + ")");
            }
        }
        placement.allocation().forEach((node, gpus) -> {
            int index = indexOf(node);
            nodes[index] = nodes[index].withFree(nodes[index].free().minus(gpus));
        });
        queue.remove(job);
        RunningJob started = new RunningJob(job.id(), job.owner(), job.gpus(), placement.allocation(),
                job.priority(), job.preemptible(), now, now, 0, now + job.estimatedSeconds(), false,
                job.attainedGpuSeconds());
        running.put(started);
        usage.merge(job.owner(), placement.gpuCount(), Integer::sum);
        freeGpus -= placement.gpuCount();
    }

    /** A preempted job lets go of its GPUs (as if its checkpoint were instant) and waits again. */
    private void preempt(Preemption preemption) {
        RunningJob victim = running.get(preemption.victim());
        if (victim == null) {
            throw new IllegalStateException("preempted job " + preemption.victim() + " is not running");
        }
        release(victim);
        double attained = victim.attainedAt(now);
        submit(new PendingJob(victim.id(), victim.owner(), victim.gpus(), PlacementConstraints.EMPTY, now,
                Math.max(1, victim.estimatedEnd() - now), victim.priority(), victim.preemptible(), attained));
    }

    private void release(RunningJob job) {
        running.remove(job.id());
        job.allocation().forEach((node, gpus) -> {
            int index = indexOf(node);
            nodes[index] = nodes[index].withFree(nodes[index].free().union(gpus));
        });
        usage.merge(job.owner(), -job.gpuCount(), Integer::sum);
        freeGpus += job.gpuCount();
    }

    private int indexOf(NodeId node) {
        Integer index = nodeIndex.get(node);
        if (index == null) {
            throw new IllegalStateException("unknown node " + node);
        }
        return index;
    }

    int pendingCount() {
        return queue.size();
    }

    int runningCount() {
        return running.size();
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
        for (RunningJob job : running) {
            held += job.gpuCount();
        }
        return held;
    }

    /** GPUs marked taken on the nodes, counted from the free masks. */
    int takenGpus() {
        int taken = 0;
        for (NodeView node : nodes) {
            taken += node.capacity() - node.free().size();
        }
        return taken;
    }

    long now() {
        return now;
    }

    List<RunningJob> runningJobs() {
        return new ArrayList<>(running);
    }
}
