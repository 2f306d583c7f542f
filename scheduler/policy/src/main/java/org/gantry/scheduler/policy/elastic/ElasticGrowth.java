package org.gantry.scheduler.policy.elastic;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.Grower;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.RunningJob;

/**
 * Grows elastic jobs into GPUs that nobody is waiting for, on the node they already run on (a
 * resize restarts from a checkpoint, and staying on the node keeps its data local). Runs last in
 * a pass, and only in pools where no admitted job was left waiting for GPUs, so growth never
 * takes GPUs a waiting job could use; the least-grown jobs (relative to their maximum) go first.
 * Growth counts against quota like any other GPU, and above the guarantee it is borrowing.
 */
public record ElasticGrowth(long minRunSeconds) implements Grower {
    private static final Comparator<RunningJob> LEAST_GROWN_FIRST = Comparator
            .comparingDouble((RunningJob job) -> (double) job.gpuCount() / job.gpus().max())
            .thenComparing(RunningJob::id);

    @Override
    public void grow(PassState state) {
        if (state.capacity().totalFree() == 0) {
            return; // nothing to grow into; the common case on a busy cluster, so skip the scan
        }
        // From the running jobs' index of elastic ones: a scan of every running job would cost a
        // busy cluster's passes more than all the rest of their work. The sort fixes the order.
        var growable = new ArrayList<RunningJob>();
        for (RunningJob job : state.snapshot().running().elastic()) {
            if (!job.suspending() && job.allocation().size() == 1
                    && job.gpuCount() < job.gpus().max() && state.now() - job.allocatedAt() >= minRunSeconds) {
                growable.add(job);
            }
        }
        growable.sort(LEAST_GROWN_FIRST);
        growable.forEach(job -> growOne(job, state));
    }

    private static void growOne(RunningJob job, PassState state) {
        PoolId pool = job.owner().pool();
        Map.Entry<NodeId, GpuSet> held = job.allocation().entrySet().iterator().next();
        int node = state.capacity().indexOf(held.getKey());
        if (state.isDisturbed(job.id()) || state.hasWaitingForCapacity(pool) || node < 0
                || !state.capacity().node(node).schedulable()) {
            return;
        }
        BitSet reserved = state.reservedAgainst(pool, Long.MAX_VALUE);
        if (reserved != null && reserved.get(node)) {
            return;
        }
        GpuSet free = state.capacity().freeOn(node);
        int grow = Math.min(job.gpus().max() - job.gpuCount(), free.size());
        while (grow > 0 && !state.quota().admit(job.owner(), grow, job.preemptible()).admitted()) {
            grow--;
        }
        if (grow > 0) {
            state.resize(job, Map.of(held.getKey(), held.getValue().union(free.lowest(grow))),
                    "grown into " + grow + " idle GPUs");
        }
    }
}
