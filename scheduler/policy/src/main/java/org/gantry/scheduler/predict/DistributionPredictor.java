package org.gantry.scheduler.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Learns a duration distribution per group of similar jobs from the jobs that finished before it
 * is asked: tenant, name and GPU count; tenant and GPU count; GPU count; all jobs. A group is
 * trusted once it holds {@code minSamples}; each keeps the last {@code window} durations in
 * {@link LogHistogram}'s fixed bins, so memory per group is bounded and a question costs O(bins);
 * at most {@link SimilarityGroups#DEFAULT_CAPACITY} groups are kept, the least recently used going first.
 * Point predictions are conditional medians; {@link #outlook} hands out the whole distribution
 * for orders that weigh the chances (the Gittins index).
 */
public final class DistributionPredictor implements DurationPredictor {
    /** Similarity levels, most specific first. */
    private static final List<Function<JobFeatures, String>> LEVELS = List.of(
            job -> "tng/" + job.tenant() + "/" + job.name() + "/" + job.gpus(),
            job -> "tg/" + job.tenant() + "/" + job.gpus(),
            job -> "g/" + job.gpus(),
            job -> "all");

    private final int minSamples;
    private final int minBeyond;
    private final int window;
    private final long defaultSeconds;
    private final SimilarityGroups history;

    /**
     * @param minSamples     samples a group needs before it is trusted at all
     * @param minBeyond      samples longer than a job's elapsed time a group needs to answer for it
     * @param window         how many recent durations each group keeps
     * @param defaultSeconds the prediction before anything has finished
     */
    public DistributionPredictor(int minSamples, int minBeyond, int window, long defaultSeconds) {
        if (minSamples < 1 || minBeyond < 1 || window < minSamples || defaultSeconds < 1) {
            throw new IllegalArgumentException("need 1 <= minSamples <= window, minBeyond >= 1, default >= 1 s");
        }
        this.minSamples = minSamples;
        this.minBeyond = minBeyond;
        this.window = window;
        this.defaultSeconds = defaultSeconds;
        this.history = new SimilarityGroups(SimilarityGroups.DEFAULT_CAPACITY, window);
    }

    /** Trusted from 5 samples, answering for a job with 3 longer ones, the last 1,000 per group, one hour at first. */
    public static DistributionPredictor defaults() {
        return new DistributionPredictor(5, 3, 1_000, 3600);
    }

    /** The job's trusted groups' distributions as they are now, most specific first. */
    public DurationOutlook outlook(JobFeatures job) {
        var levels = new ArrayList<DurationDistribution>(LEVELS.size());
        for (Function<JobFeatures, String> level : LEVELS) {
            LogHistogram similar = history.get(level.apply(job));
            if (similar != null && similar.size() >= minSamples) {
                levels.add(similar.distribution());
            }
        }
        return new DurationOutlook(levels, minBeyond, defaultSeconds);
    }

    @Override
    public long predictSeconds(JobFeatures job) {
        return predictRemainingSeconds(job, 0);
    }

    /** The conditional median: half the similar jobs that ran as long as this one ran at most this much longer. */
    @Override
    public long predictRemainingSeconds(JobFeatures job, long elapsedSeconds) {
        return Math.max(1, Math.round(outlook(job).remainingQuantile(0.5, elapsedSeconds)));
    }

    @Override
    public void observe(JobFeatures job, long seconds) {
        for (Function<JobFeatures, String> level : LEVELS) {
            history.add(level.apply(job), seconds);
        }
    }
}
