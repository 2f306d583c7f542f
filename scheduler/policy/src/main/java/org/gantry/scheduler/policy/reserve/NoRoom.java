package org.gantry.scheduler.policy.reserve;

import org.gantry.api.cluster.PoolId;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.PendingReason;
import org.gantry.scheduler.policy.place.CapacityIndex;
import org.gantry.scheduler.policy.place.NodeFilter;

/** The explanation for an admitted job that found no room, with the numbers a user needs. */
public final class NoRoom {
    private NoRoom() {}

    static Explanation explain(PendingJob job, int gpus, PassState state) {
        CapacityIndex capacity = state.capacity();
        PoolId pool = job.owner().pool();
        // The numbers as they stand now (the pass goes on changing them); the words when read (speed).
        int largestNode = capacity.largestMatchingNode(pool, job.constraints());
        int mostFree = capacity.mostFreeOnOneNode(pool, job.constraints(), null);
        long freeInPool = capacity.freeIn(pool);
        return Explanation.of(PendingReason.INSUFFICIENT_GPUS, () -> message(gpus,
                "pool " + pool + NodeFilter.describe(job.constraints()), largestNode, mostFree, freeInPool));
    }

    /** The words for a job of {@code gpus} GPUs that finds no room where {@code where} says. */
    public static String message(int gpus, String where, int largestNode, int mostFreeOnOneNode, long freeInPool) {
        if (gpus > largestNode) {
            return "needs " + gpus + " GPUs on whole nodes of " + where + "; not enough of them are entirely free ("
                    + freeInPool + " GPUs free in the pool)";
        }
        return "needs " + gpus + " GPUs on one node of " + where + "; the most free on one such node is "
                + mostFreeOnOneNode + " (" + freeInPool + " GPUs free in the pool)";
    }
}
