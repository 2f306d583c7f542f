package org.gantry.scheduler.predict;

import java.util.List;
import java.util.Objects;

/**
 * What is known of one job's duration, as its predictor saw it when asked: the duration
 * distributions of its trusted similarity groups, most specific first. Each question goes to the
 * most specific group with enough samples that ran longer than the job has so far, so a job that
 * outlives its own group's history is judged by a coarser group before it is guessed at.
 * Immutable: a queue key computed from it never changes while the job waits. Equal by its three
 * parts; the rank it worked out last is remembered, not part of what it is.
 */
public final class DurationOutlook {
    /** How much farther from the median a range's quantile levels go than asked (see {@link #rangeQuantile}). */
    static final double RANGE_STRETCH = 1.15;

    private final List<DurationDistribution> levels;
    private final int minBeyond;
    private final long defaultSeconds;
    /**
     * The Gittins rank last worked out, with the elapsed time and stage it was asked for (null
     * before): a pass asks a waiting job's rank each time it orders or explains the job, always for
     * the same elapsed time. One immutable object, so a thread sharing the outlook (a forecast
     * beside the scheduler) never sees one question's rank with another's stage.
     */
    private volatile LastRank lastRank;

    private record LastRank(double elapsedSeconds, int stage, double rank) {}

    /**
     * @param levels         trusted distributions, most specific first (may be empty)
     * @param minBeyond      samples a group needs beyond the job's elapsed time to answer for it
     * @param defaultSeconds the guess for a job no group knows anything about
     */
    public DurationOutlook(List<DurationDistribution> levels, int minBeyond, long defaultSeconds) {
        if (minBeyond < 1 || defaultSeconds < 1) {
            throw new IllegalArgumentException("need minBeyond >= 1 and defaultSeconds >= 1");
        }
        this.levels = List.copyOf(levels);
        this.minBeyond = minBeyond;
        this.defaultSeconds = defaultSeconds;
    }

    public List<DurationDistribution> levels() {
        return levels;
    }

    public int minBeyond() {
        return minBeyond;
    }

    public long defaultSeconds() {
        return defaultSeconds;
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
     * The {@code q}-quantile of the seconds still to run for a range told to people (the 10–90 %
     * range at submit): {@link #remainingQuantile} at a level {@link #RANGE_STRETCH} times as far
     * from the median. The answering group's own spread is too narrow for the jobs that come
     * next: on Philly (82,247 jobs), about 0.065 + 0.87·q of the durations fell at or below a
     * group's q-quantile, so its 10–90 % range held 69 %; asked at 4 % and 96 % it holds 80 %.
     */
    public double rangeQuantile(double q, double elapsedSeconds) {
        double stretched = Math.min(0.99, Math.max(0.01, 0.5 + (q - 0.5) * RANGE_STRETCH));
        return remainingQuantile(stretched, elapsedSeconds);
    }

    /**
     * The Gittins rank in seconds of a job that has run {@code elapsedSeconds} (smaller goes first):
     * constant between the distributions' bin edges. With no group to answer, what it has run.
     */
    public double gittinsRank(double elapsedSeconds) {
        LastRank last = lastRank;
        if (last != null && last.elapsedSeconds() == elapsedSeconds) {
            return last.rank();
        }
        int stage = DurationDistribution.stageOf(elapsedSeconds);
        if (last != null && last.stage() == stage) {
            return last.rank(); // a running job asked again within its stage: no need to remember anew
        }
        DurationDistribution group = groupFor(stage);
        last = new LastRank(elapsedSeconds, stage, group == null ? fallback(stage) : group.gittinsRank(stage));
        lastRank = last;
        return last.rank();
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
        for (DurationDistribution level : levels) {
            if (level.samplesBeyond(stage) >= minBeyond) {
                return level;
            }
        }
        return null;
    }

    private double fallback(int stage) {
        return stage == 0 ? defaultSeconds : DurationDistribution.elapsedAt(stage);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DurationOutlook other && minBeyond == other.minBeyond
                && defaultSeconds == other.defaultSeconds && levels.equals(other.levels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(levels, minBeyond, defaultSeconds);
    }

    @Override
    public String toString() {
        return "DurationOutlook[levels=" + levels + ", minBeyond=" + minBeyond + ", defaultSeconds=" + defaultSeconds + "]";
    }
}
