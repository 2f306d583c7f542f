package org.gantry.scheduler.policy.order;

import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.QueueOrder;

/** Oldest first: fair in arrival, blind to length, so short jobs wait behind long ones. */
public record FirstInFirstOut() implements QueueOrder {
    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public double key(PendingJob job) {
        return job.submittedAt();
    }
}
