package org.gantry.scheduler.predict;

import java.util.List;
import java.util.function.Function;

/**
 * Predicts a job's duration as a quantile of the recent durations of the most similar jobs that
 * have enough history: same tenant, name and GPU count first, then same tenant and GPU count,
 * same tenant, same GPU count, and finally every job. A quantile, not a mean, because durations
 * are heavy-tailed: one 50-day job would drag a mean far from what most jobs do.
 */
public final class HistoryPredictor implements DurationPredictor {
    /** Similarity levels, most specific first. */
    private static final List<Function<JobFeatures, String>> LEVELS = List.of(
            job -> "tng/" + job.tenant() + "/" + job.name() + "/" + job.gpus(),
            job -> "tg/" + job.tenant() + "/" + job.gpus(),
            job -> "t/" + job.tenant(),
            job -> "g/" + job.gpus(),
            job -> "all");

    private final double quantile;
    private final int minSamples;
    private final int window;
    private final long defaultSeconds;
    private final SimilarityGroups history;

    /**
     * @param quantile       which quantile of similar jobs' durations to predict (0.5: the median)
     * @param minSamples     history a level needs before it is trusted
     * @param window         how many recent jobs each level remembers
     * @param defaultSeconds the prediction before anything has finished
     */
    public HistoryPredictor(double quantile, int minSamples, int window, long defaultSeconds) {
        if (!(quantile > 0 && quantile < 1) || minSamples < 1 || window < minSamples || defaultSeconds < 1) {
            throw new IllegalArgumentException("need 0 < quantile < 1, 1 <= minSamples <= window, default >= 1 s");
        }
        this.quantile = quantile;
        this.minSamples = minSamples;
        this.window = window;
        this.defaultSeconds = defaultSeconds;
        this.history = new SimilarityGroups(SimilarityGroups.DEFAULT_CAPACITY, window);
    }

    /** The settings Gantry uses: the median of the last 200 similar jobs, trusted from 3, one hour at first. */
    public static HistoryPredictor defaults() {
        return new HistoryPredictor(0.5, 3, 200, 3600);
    }

    @Override
    public long predictSeconds(JobFeatures job) {
        for (Function<JobFeatures, String> level : LEVELS) {
            LogHistogram similar = history.get(level.apply(job));
            if (similar != null && similar.size() >= minSamples) {
                return similar.quantile(quantile);
            }
        }
        return defaultSeconds;
    }

    /**
     * The quantile of similar jobs that ran longer than this one has so far, less what it has run;
     * where no similar job ever ran that long, assume it runs as long again (the memoryless guess).
     */
    @Override
    public long predictRemainingSeconds(JobFeatures job, long elapsedSeconds) {
        for (Function<JobFeatures, String> level : LEVELS) {
            LogHistogram similar = history.get(level.apply(job));
            if (similar != null && similar.size() >= minSamples) {
                long total = similar.quantileAbove(quantile, elapsedSeconds);
                return Math.max(1, total < 0 ? elapsedSeconds : total - elapsedSeconds);
            }
        }
        return Math.max(1, Math.max(defaultSeconds - elapsedSeconds, elapsedSeconds));
    }

    @Override
    public void observe(JobFeatures job, long seconds) {
        for (Function<JobFeatures, String> level : LEVELS) {
            history.add(level.apply(job), seconds);
        }
    }
}
