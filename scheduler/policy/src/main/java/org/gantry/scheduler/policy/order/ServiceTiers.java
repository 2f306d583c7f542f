package org.gantry.scheduler.policy.order;

import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.QueueOrder;

/**
 * Least-attained-service tiers first, another order within a tier: jobs that have had little GPU
 * service so far go ahead of jobs that have had a lot (Tiresias' insight, robust to poor duration
 * estimates on heavy-tailed workloads), and within a tier the {@code within} order decides
 * (smallest predicted work first, where Tiresias uses arrival order).
 */
public record ServiceTiers(LeastAttainedService tiers, QueueOrder within) implements QueueOrder {
    /** Far above any key of the inner order, so the tier dominates. */
    private static final double TIER_WEIGHT = 1e15;

    @Override
    public String name() {
        return tiers.name() + "+" + within.name();
    }

    @Override
    public double key(PendingJob job) {
        return tiers.queueOf(job.attainedGpuSeconds()) * TIER_WEIGHT + within.key(job);
    }
}
