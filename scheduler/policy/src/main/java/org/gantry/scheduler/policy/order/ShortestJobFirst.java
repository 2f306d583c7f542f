package org.gantry.scheduler.policy.order;

import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.QueueOrder;

/**
 * Shortest estimated duration first, which minimises mean completion time when estimates are
 * good. Aging bounds starvation: each second of waiting takes {@code agingRate} seconds off a
 * job's estimate, so a job that waited its own length ahead of a fresh job of the same length
 * is ahead of a fresh job {@code agingRate} times shorter.
 */
public record ShortestJobFirst(double agingRate) implements QueueOrder {
    public ShortestJobFirst {
        if (agingRate < 0) {
            throw new IllegalArgumentException("aging rate must be >= 0, got " + agingRate);
        }
    }

    @Override
    public String name() {
        return "sjf";
    }

    @Override
    public double key(PendingJob job) {
        return job.estimatedSeconds() + agingRate * job.submittedAt();
    }
}
