package org.gantry.scheduler.policy.order;

import java.util.Arrays;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.QueueOrder;

/**
 * Tiresias' discretised two-dimensional least-attained-service: jobs fall into queues by the
 * GPU-seconds they have already received, the least-served queue goes first, and within a
 * queue it is first in, first out. Needs no duration estimate, so it suits unknown lengths.
 *
 * @param thresholds ascending GPU-second bounds between queues; {@code n} bounds make {@code n+1} queues
 */
public record LeastAttainedService(double[] thresholds) implements QueueOrder {
    /** Far above any epoch-second submit time, so the queue index dominates the key. */
    private static final double QUEUE_WEIGHT = 1e12;

    public LeastAttainedService {
        thresholds = thresholds.clone();
        for (int i = 1; i < thresholds.length; i++) {
            if (thresholds[i] <= thresholds[i - 1]) {
                throw new IllegalArgumentException("LAS thresholds must ascend: " + Arrays.toString(thresholds));
            }
        }
    }

    @Override
    public String name() {
        return "las";
    }

    @Override
    public double key(PendingJob job) {
        return queueOf(job.attainedGpuSeconds()) * QUEUE_WEIGHT + job.submittedAt();
    }

    /** How many queues there are: one more than the thresholds between them. */
    public int queueCount() {
        return thresholds.length + 1;
    }

    /** The queue a job with this much attained service belongs to: 0 is served first. */
    public int queueOf(double attainedGpuSeconds) {
        int queue = 0;
        while (queue < thresholds.length && attainedGpuSeconds >= thresholds[queue]) {
            queue++;
        }
        return queue;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeastAttainedService other && Arrays.equals(thresholds, other.thresholds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(thresholds);
    }

    @Override
    public String toString() {
        return "LeastAttainedService" + Arrays.toString(thresholds);
    }
}
