package org.gantry.scheduler.policy.forecast;

import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.predict.DurationOutlook;

/**
 * How long jobs run in a forecast, at a quantile {@code q} of what is known of them. The median
 * is what the scheduler itself believes (a running job's estimated end, a waiting job's estimate),
 * so the point forecast agrees with its reservations; the other quantiles come from the job's
 * duration outlook, or, without one, half and twice the estimate (durations are heavy-tailed).
 */
public interface ForecastDurations {
    /** Seconds a running job still runs after {@code now}, at quantile {@code q}. */
    long remaining(RunningJob job, long now, double q);

    /** Seconds a waiting job runs once started, at quantile {@code q}. */
    long duration(PendingJob job, double q);

    /** The scheduler's own estimates for the median, the jobs' outlooks for the range. */
    static ForecastDurations fromEstimatesAndOutlooks() {
        return new ForecastDurations() {
            @Override
            public long remaining(RunningJob job, long now, double q) {
                long believed = Math.max(1, job.estimatedEnd() - now);
                double ran = now - job.allocatedAt() + job.attainedBefore() / Math.max(1, job.gpuCount());
                return atQuantile(believed, job.outlook(), ran, q);
            }

            @Override
            public long duration(PendingJob job, double q) {
                double ran = job.attainedGpuSeconds() / Math.max(1, job.gpus().min());
                return atQuantile(job.estimatedSeconds(), job.outlook(), ran, q);
            }
        };
    }

    /**
     * As {@link #fromEstimatesAndOutlooks()}, with the point (asked at 0.5) told by the outlook's
     * {@code pointQuantile} instead of the scheduler's estimate (the estimate where there is no outlook).
     */
    public static ForecastDurations withPointAt(double pointQuantile) {
        ForecastDurations told = fromEstimatesAndOutlooks();
        return new ForecastDurations() {
            @Override
            public long remaining(RunningJob job, long now, double q) {
                if (q != 0.5 || job.outlook() == null) {
                    return told.remaining(job, now, q);
                }
                double ran = now - job.allocatedAt() + job.attainedBefore() / Math.max(1, job.gpuCount());
                return Math.max(1, Math.round(job.outlook().remainingQuantile(pointQuantile, ran)));
            }

            @Override
            public long duration(PendingJob job, double q) {
                if (q != 0.5 || job.outlook() == null) {
                    return told.duration(job, q);
                }
                double ran = job.attainedGpuSeconds() / Math.max(1, job.gpus().min());
                return Math.max(1, Math.round(job.outlook().remainingQuantile(pointQuantile, ran)));
            }
        };
    }

    private static long atQuantile(long believed, DurationOutlook outlook, double ranSeconds, double q) {
        if (q == 0.5) {
            return believed;
        }
        if (outlook != null) {
            return Math.max(1, Math.round(outlook.remainingQuantile(q, ranSeconds)));
        }
        return Math.max(1, Math.round(q < 0.5 ? believed * 0.5 : believed * 2.0));
    }
}
