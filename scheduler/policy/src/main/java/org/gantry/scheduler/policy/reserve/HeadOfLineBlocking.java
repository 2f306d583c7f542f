package org.gantry.scheduler.policy.reserve;

import org.gantry.scheduler.policy.BlockingRule;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.PendingReason;

/** Strict first-in-first-out: once a job of a pool cannot start, no later job of that pool starts. */
public record HeadOfLineBlocking() implements BlockingRule {
    @Override
    public Explanation onNoRoom(PendingJob job, int gpus, PassState state) {
        state.closePool(job.owner().pool(), Explanation.of(PendingReason.HEAD_OF_LINE, "waits behind job "
                + job.id() + ", which cannot start yet (pool " + job.owner().pool() + " runs jobs strictly in order)"));
        return NoRoom.explain(job, gpus, state);
    }
}
