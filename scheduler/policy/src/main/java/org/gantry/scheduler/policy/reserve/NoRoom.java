package org.gantry.scheduler.policy.reserve;

import org.gantry.api.cluster.PoolId;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.PendingReason;
import org.gantry.scheduler.policy.place.CapacityIndex;
import org.gantry.scheduler.policy.place.NodeFilter;

/** The explanation for an admitted job that found no room, with the numbers a user needs. */
final class NoRoom {
    private NoRoom() {}

    static Explanation explain(PendingJob job, int gpus, PassState state) {
        CapacityIndex capacity = state.capacity();
        PoolId pool = job.owner().pool();
        int largest = capacity.largestMatchingNode(pool, job.constraints());
        String where = "pool " + pool + NodeFilter.describe(job.constraints());
        if (gpus > largest) {
            return Explanation.of(PendingReason.INSUFFICIENT_GPUS, "needs " + gpus + " GPUs on whole nodes of "
                    + where + "; not enough of them are entirely free (" + capacity.freeIn(pool)
                    + " GPUs free in the pool)");
        }
        return Explanation.of(PendingReason.INSUFFICIENT_GPUS, "needs " + gpus + " GPUs on one node of " + where
                + "; the most free on one such node is " + capacity.mostFreeOnOneNode(pool, job.constraints(), null)
                + " (" + capacity.freeIn(pool) + " GPUs free in the pool)");
    }
}
