package org.gantry.scheduler.policy.reserve;

import org.gantry.scheduler.policy.BlockingRule;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;

/** No reservations: whatever fits starts. Best packing, but a wide job can wait forever behind narrow ones. */
public record GreedyStart() implements BlockingRule {
    @Override
    public Explanation onNoRoom(PendingJob job, int gpus, PassState state) {
        return NoRoom.explain(job, gpus, state);
    }
}
