package org.gantry.scheduler.policy.forecast;

import org.gantry.api.job.JobId;
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

    /**
     * One sample of the future: these durations with each job's quantile drawn at random instead
     * of {@code q} (between 2 % and 98 %; the same job and seed draw the same), so that a run
     * under it is one equally likely outcome, and many such runs show how its starts spread.
     */
    default ForecastDurations sampled(long seed) {
        ForecastDurations known = this;
        return new ForecastDurations() {
            @Override
            public long remaining(RunningJob job, long now, double q) {
                return known.remaining(job, now, draw(job.id(), seed));
            }

            @Override
            public long duration(PendingJob job, double q) {
                return known.duration(job, draw(job.id(), seed));
            }
        };
    }

    /** A quantile in [0.02, 0.98], fixed by the job and the seed. */
    private static double draw(JobId job, long seed) {
        long h = (job.hashCode() * 0x9E3779B97F4A7C15L) ^ (seed * 0xBF58476D1CE4E5B9L);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return 0.02 + 0.96 * ((h >>> 11) * 0x1.0p-53);
    }

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

    private static long atQuantile(long believed, DurationOutlook outlook, double ranSeconds, double q) {
        if (q == 0.5) {
            String point = System.getProperty("gantry.forecast.point", "");
            if (outlook != null && point.equals("mean")) {
                return Math.max(1, Math.round(outlook.remainingMean(ranSeconds)));
            }
            if (outlook != null && !point.isEmpty()) {
                return Math.max(1, Math.round(outlook.remainingQuantile(Double.parseDouble(point), ranSeconds)));
            }
            return believed;
        }
        if (outlook != null) {
            return Math.max(1, Math.round(outlook.remainingQuantile(q, ranSeconds)));
        }
        return Math.max(1, Math.round(q < 0.5 ? believed * 0.5 : believed * 2.0));
    }
}
