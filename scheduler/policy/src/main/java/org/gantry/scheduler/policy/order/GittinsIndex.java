package org.gantry.scheduler.policy.order;

import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.QueueOrder;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.predict.DurationOutlook;

/**
 * Tiresias' distribution-aware two-dimensional least-attained-service: the job with the smallest
 * Gittins rank over GPU-time goes first, the rank being the least expected GPU-time it takes to
 * finish with some chance, over that chance, given the GPU-time it has already had and the
 * duration distribution of similar finished jobs ({@link DurationOutlook}). A job likely to be
 * short goes first; one that outlives what its group usually runs sinks, as under LAS, but by how
 * its group behaves rather than at fixed bounds. Without an outlook a job ranks by its attained
 * service alone (LAS). The rank changes only when service crosses a bin edge of the distribution,
 * and never while a job waits, so the key is static.
 */
public record GittinsIndex() implements QueueOrder {
    @Override
    public String name() {
        return "gittins";
    }

    @Override
    public double key(PendingJob job) {
        return rank(job.outlook(), job.attainedGpuSeconds(), job.gpus().min());
    }

    /** A running job's rank by {@code now}, from the service it has had by then. */
    public double rank(RunningJob job, long now) {
        return rank(job.outlook(), job.attainedAt(now), job.gpuCount());
    }

    /** The rank in GPU-seconds (smaller first) of a job of this width that has had this much service. */
    public static double rank(DurationOutlook outlook, double attainedGpuSeconds, int gpus) {
        return outlook == null ? attainedGpuSeconds : outlook.gittinsGpuRank(attainedGpuSeconds, gpus);
    }
}
