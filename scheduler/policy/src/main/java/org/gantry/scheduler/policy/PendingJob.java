package org.gantry.scheduler.policy;

import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.predict.DurationOutlook;

/**
 * A job waiting for GPUs, with what the policy needs to order and place it. Times are in
 * seconds on the caller's clock (epoch seconds in production, trace seconds in the simulator).
 *
 * @param estimatedSeconds  how long it will run once started: the job's own estimate, or the
 *                          duration predictor's when it gave none (always > 0)
 * @param attainedGpuSeconds GPU-seconds it already received before being requeued (for LAS)
 * @param outlook           its duration distributions as the predictor knew them when it was queued
 *                          (for the Gittins order), or null where nobody asked
 */
public record PendingJob(JobId id, TenantPool owner, GpuRequest gpus, PlacementConstraints constraints,
                         long submittedAt, long estimatedSeconds, int priority, boolean preemptible,
                         double attainedGpuSeconds, DurationOutlook outlook) {
    public PendingJob {
        if (estimatedSeconds <= 0) {
            throw new IllegalArgumentException("job " + id + ": estimated duration must be > 0 s");
        }
        if (attainedGpuSeconds < 0) {
            throw new IllegalArgumentException("job " + id + ": attained service must be >= 0");
        }
    }

    /** A job queued without a duration outlook. */
    public PendingJob(JobId id, TenantPool owner, GpuRequest gpus, PlacementConstraints constraints, long submittedAt,
                      long estimatedSeconds, int priority, boolean preemptible, double attainedGpuSeconds) {
        this(id, owner, gpus, constraints, submittedAt, estimatedSeconds, priority, preemptible, attainedGpuSeconds,
                null);
    }
}
