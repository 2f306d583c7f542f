package org.gantry.scheduler.policy.order;

import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.QueueOrder;

/**
 * Smallest GPU-time (GPUs × estimated duration) first: like {@link ShortestJobFirst}, but a wide
 * job counts as the work it blocks. Aging is in GPU-seconds per second of waiting.
 */
public record ShortestGpuTimeFirst(double agingRate) implements QueueOrder {
    public ShortestGpuTimeFirst {
        if (agingRate < 0) {
            throw new IllegalArgumentException("aging rate must be >= 0, got " + agingRate);
        }
    }

    @Override
    public String name() {
        return "sjf-gpu";
    }

    @Override
    public double key(PendingJob job) {
        return (double) job.gpus().min() * job.estimatedSeconds() + agingRate * job.submittedAt();
    }
}
