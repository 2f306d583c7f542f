package org.gantry.scheduler.predict;

import java.util.List;

/**
 * What is known of one job's duration, as its predictor saw it when asked: the duration
 * distributions of its trusted similarity groups, most specific first. Each question goes to the
 * most specific group with enough samples that ran longer than the job has so far, so a job that
 * outlives its own group's history is judged by a coarser group before it is guessed at.
 * Immutable: a queue key computed from it never changes while the job waits.
 *
 * @param levels         trusted distributions, most specific first (may be empty)
 * @param minBeyond      samples a group needs beyond the job's elapsed time to answer for it
 * @param defaultSeconds the guess for a job no group knows anything about
 */
public record DurationOutlook(List<DurationDistribution> levels, int minBeyond, long defaultSeconds) {
    /** How many samples a group needs for its own spread to count half in a range (see {@link #rangeQuantile}). */
    static final double RANGE_PRIOR_SAMPLES = Double.parseDouble(System.getProperty("gantry.range.prior", "20"));

    public DurationOutlook {
        levels = List.copyOf(levels);
        if (minBeyond < 1 || defaultSeconds < 1) {
            throw new IllegalArgumentException("need minBeyond >= 1 and defaultSeconds >= 1");
        }
    }

    /** An outlook of a single distribution: for tests and callers with their own history. */
    public static DurationOutlook of(DurationDistribution distribution) {
        return new DurationOutlook(List.of(distribution), 1, 3600);
    }

    /**
     * The {@code q}-quantile of the seconds still to run for a job that has run {@code elapsedSeconds};
     * with no group to answer, as long again as it has run (the heavy-tailed guess), or the default.
     */
    public double remainingQuantile(double q, double elapsedSeconds) {
        int stage = DurationDistribution.stageOf(elapsedSeconds);
        DurationDistribution group = groupFor(stage);
        return group == null ? fallback(stage) : group.remainingQuantile(q, stage);
    }

    /**
     * The {@code q}-quantile of the seconds still to run, for a 10–90 % range: as
     * {@link #remainingQuantile}, but the answering group's samples count for n / (n + {@link
     * #RANGE_PRIOR_SAMPLES}) of the distribution and the coarser groups' for the rest, each
     * coarser one again in that share. A small group's spread is too narrow (62 % of Philly's
     * durations fell inside ranges taken from the answering group alone); the next coarser
     * group's spread widens it until the group has seen enough.
     */
    public double rangeQuantile(double q, double elapsedSeconds) {
        int stage = DurationDistribution.stageOf(elapsedSeconds);
        int first = groupIndexFor(stage);
        if (first < 0) {
            return fallback(stage);
        }
        var weights = new double[levels.size()];
        double left = 1;
        for (int i = first; i < levels.size(); i++) {
            int beyond = levels.get(i).samplesBeyond(stage);
            if (beyond == 0) {
                continue;
            }
            double share = i == levels.size() - 1 ? 1 : beyond / (beyond + RANGE_PRIOR_SAMPLES);
            weights[i] = left * share / beyond;
            left -= left * share;
        }
        double seen = 0;
        double leftOver = left; // nothing coarser held samples: the answering levels take all of it
        double scale = 1 / (1 - leftOver);
        for (int bin = stage; bin < DurationDistribution.bins(); bin++) {
            for (int i = first; i < levels.size(); i++) {
                seen += weights[i] * levels.get(i).countIn(bin) * scale;
            }
            if (seen >= q) {
                return LogHistogram.middle(bin) - DurationDistribution.elapsedAt(stage);
            }
        }
        return LogHistogram.middle(DurationDistribution.bins() - 1) - DurationDistribution.elapsedAt(stage);
    }

    /**
     * The mean of the seconds still to run for a job that has run {@code elapsedSeconds}, from the
     * group that would answer {@link #remainingQuantile}; without one, the same fallback.
     */
    public double remainingMean(double elapsedSeconds) {
        int stage = DurationDistribution.stageOf(elapsedSeconds);
        DurationDistribution group = groupFor(stage);
        return group == null ? fallback(stage) : group.remainingMean(stage);
    }

    /**
     * The Gittins rank in seconds of a job that has run {@code elapsedSeconds} (smaller goes first):
     * constant between the distributions' bin edges. With no group to answer, what it has run.
     */
    public double gittinsRank(double elapsedSeconds) {
        int stage = DurationDistribution.stageOf(elapsedSeconds);
        DurationDistribution group = groupFor(stage);
        return group == null ? fallback(stage) : group.gittinsRank(stage);
    }

    /**
     * The Gittins rank in GPU-seconds of a job of {@code gpus} GPUs that has had
     * {@code attainedGpuSeconds}: its GPU count is fixed, so its GPU-time is its duration times it.
     */
    public double gittinsGpuRank(double attainedGpuSeconds, int gpus) {
        int width = Math.max(1, gpus);
        return width * gittinsRank(attainedGpuSeconds / width);
    }

    private DurationDistribution groupFor(int stage) {
        int index = groupIndexFor(stage);
        return index < 0 ? null : levels.get(index);
    }

    private int groupIndexFor(int stage) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).samplesBeyond(stage) >= minBeyond) {
                return i;
            }
        }
        return -1;
    }

    private double fallback(int stage) {
        return stage == 0 ? defaultSeconds : DurationDistribution.elapsedAt(stage);
    }
}
