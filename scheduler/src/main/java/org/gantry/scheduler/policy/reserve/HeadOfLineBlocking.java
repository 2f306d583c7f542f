package org.gantry.scheduler.policy.reserve;

import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.BlockingRule;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.PendingReason;

/** Strict first-in-first-out: once a job of a pool cannot start, no later job of that pool starts. */
public record HeadOfLineBlocking() implements BlockingRule {
    @Override
    public Explanation blockedBefore(PendingJob job, PassState state) {
        JobId head = state.poolBlockedBy(job.owner().pool());
        return head == null ? null : Explanation.of(PendingReason.HEAD_OF_LINE,
                "waits behind job " + head + ", which cannot start yet (pool " + job.owner().pool()
                        + " runs jobs strictly in order)");
    }

    @Override
    public Explanation onNoRoom(PendingJob job, int gpus, PassState state) {
        state.blockPool(job.owner().pool(), job.id());
        return NoRoom.explain(job, gpus, state);
    }
}
