package org.gantry.scheduler.policy;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.quota.Admission;
import org.gantry.scheduler.policy.place.CapacityIndex;
import org.gantry.scheduler.policy.place.NodeFilter;

/**
 * One pass of a {@link Pipeline}: walks the queue in order and, for each job, admits it against
 * quota, filters and scores nodes, and places it; a job that finds no room may get room made
 * (shrink, reclaim) or hold the jobs behind it back (reserve); elastic jobs grow at the end.
 * The walk stops as soon as no later job could start, so a pass over a full cluster with a long
 * queue costs little more than the jobs it places.
 */
final class SchedulingPass {
    private final Pipeline pipeline;
    private final PassState state;
    private final CapacityIndex capacity;

    SchedulingPass(Pipeline pipeline, Snapshot snapshot) {
        this.pipeline = pipeline;
        this.state = new PassState(snapshot, pipeline.fairShare());
        this.capacity = state.capacity();
    }

    Plan run() {
        Explanation notReached = Explanation.of(PendingReason.NOT_REACHED, "not examined in this pass");
        for (PendingJob job : state.snapshot().queue()) {
            if (nothingElseCanStart()) {
                notReached = Explanation.of(PendingReason.NOT_REACHED, "no GPU is free that a waiting job could "
                        + "use (" + capacity.totalFree() + " free); jobs ahead of it in the queue go first when "
                        + "GPUs are released");
                break;
            }
            consider(job);
        }
        pipeline.grower().grow(state);
        return state.toPlan(notReached);
    }

    private boolean nothingElseCanStart() {
        return (capacity.totalFree() == 0 || state.everyPoolBlocked()) && !pipeline.roomMaker().canAct(state);
    }

    private void consider(PendingJob job) {
        Explanation blocked = pipeline.blocking().blockedBefore(job, state);
        if (blocked != null) {
            state.explain(job, blocked);
            return;
        }
        PoolId pool = job.owner().pool();
        int largestNode = capacity.largestMatchingNode(pool, job.constraints());
        if (largestNode == 0 || job.gpus().min() > capacity.matchingCapacity(pool, job.constraints())) {
            state.explain(job, Explanation.of(PendingReason.NO_MATCHING_NODE, "needs " + job.gpus().min()
                    + " GPUs; the schedulable nodes of pool " + pool + NodeFilter.describe(job.constraints())
                    + " have " + capacity.matchingCapacity(pool, job.constraints()) + " in all"));
            return;
        }
        BitSet reserved = state.reservedAgainst(pool, state.now() + job.estimatedSeconds());
        int size = size(job, largestNode, reserved);
        Admission admission = state.quota().admit(job.owner(), size, job.preemptible());
        if (!admission.admitted() && size > job.gpus().min()) {
            size = job.gpus().min();
            admission = state.quota().admit(job.owner(), size, job.preemptible());
        }
        if (admission instanceof Admission.Refused refused) {
            state.explain(job, Explanation.of(PendingReason.QUOTA, refused.message()));
            return;
        }
        Map<NodeId, GpuSet> allocation = find(job, size, largestNode, reserved);
        if (allocation != null) {
            state.place(job, allocation, admission instanceof Admission.Borrowing);
            return;
        }
        state.markWaitingForCapacity(pool);
        boolean withinGuarantee = admission instanceof Admission.Guaranteed;
        if (!pipeline.roomMaker().makeRoom(job, size, withinGuarantee, state)) {
            state.explain(job, pipeline.blocking().onNoRoom(job, size, state));
        }
    }

    /** An elastic job starts as wide as one node allows, within its range; a fixed job at its size. */
    private int size(PendingJob job, int largestNode, BitSet reserved) {
        if (!job.gpus().isElastic() || job.gpus().max() > largestNode) {
            return job.gpus().min();
        }
        int widest = capacity.mostFreeOnOneNode(job.owner().pool(), job.constraints(), reserved);
        return Math.max(job.gpus().min(), Math.min(job.gpus().max(), widest));
    }

    /**
     * Stage 4, score: best fit on one node when the job fits on one; otherwise the fewest whole
     * nodes, the last one partly used. Null when there is no room now.
     */
    private Map<NodeId, GpuSet> find(PendingJob job, int gpus, int largestNode, BitSet reserved) {
        PoolId pool = job.owner().pool();
        if (gpus <= largestNode) {
            int node = capacity.tightestFit(pool, job.constraints(), gpus, reserved);
            return node < 0 ? null : Map.of(capacity.node(node).id(), capacity.freeOn(node).lowest(gpus));
        }
        int[] nodes = capacity.wholeNodes(pool, job.constraints(), gpus, reserved);
        var allocation = new HashMap<NodeId, GpuSet>();
        int left = gpus;
        for (int node : nodes) {
            int take = Math.min(left, capacity.freeOn(node).size());
            allocation.put(capacity.node(node).id(), capacity.freeOn(node).lowest(take));
            left -= take;
        }
        return left == 0 ? allocation : null;
    }
}
