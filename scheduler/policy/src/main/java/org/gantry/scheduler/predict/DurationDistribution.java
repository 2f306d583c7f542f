package org.gantry.scheduler.predict;

import java.util.Arrays;

/**
 * An immutable snapshot of a group's finished-job durations in logarithmic bins (those of
 * {@link LogHistogram}: 8 per doubling, 1 s to ~2 years), answering questions about a job that
 * has already run some time: quantiles of what it has left, and its Gittins rank.
 *
 * <p>Questions are asked per <em>stage</em>: stage 0 is a job that has not run, stage {@code b+1}
 * a job whose elapsed time falls in bin {@code b}, treated as having run to that bin's upper edge
 * (so every answer is constant within a bin, and a queue key built from it changes only when a job's
 * service crosses a bin edge). Each bin's samples count at the bin's geometric middle.
 */
public final class DurationDistribution {
    private final int[] counts;
    /** How many samples lie in bins {@code >= b}: {@code above[BINS] == 0}. */
    private final int[] above;
    /** Gittins rank per stage, filled when first asked (NaN until then): the policy is single-threaded. */
    private final double[] ranks;

    DurationDistribution(int[] counts) {
        this.counts = counts.clone();
        this.above = new int[counts.length + 1];
        for (int bin = counts.length - 1; bin >= 0; bin--) {
            above[bin] = above[bin + 1] + counts[bin];
        }
        this.ranks = new double[counts.length + 1];
        Arrays.fill(ranks, Double.NaN);
    }

    /** A distribution of exactly these durations, for tests and callers with their own history. */
    public static DurationDistribution of(long... seconds) {
        int[] counts = new int[LogHistogram.BINS];
        for (long s : seconds) {
            counts[LogHistogram.binOf(s)]++;
        }
        return new DurationDistribution(counts);
    }

    public int size() {
        return above[0];
    }

    /** The stage of a job that has run {@code elapsedSeconds}: 0 before it ran at all. */
    public static int stageOf(double elapsedSeconds) {
        return elapsedSeconds <= 0 ? 0 : LogHistogram.binOf((long) Math.ceil(elapsedSeconds)) + 1;
    }

    /** What a job at this stage is taken to have run: the upper edge of the bin its elapsed time is in. */
    public static double elapsedAt(int stage) {
        return stage == 0 ? 0 : LogHistogram.lowerEdge(stage);
    }

    /** How many samples ran longer than a job at this stage has (all of them at stage 0). */
    public int samplesBeyond(int stage) {
        return stage >= above.length ? 0 : above[stage];
    }

    /**
     * The {@code q}-quantile (0 < q < 1) of the time still to run for a job at this stage, in
     * seconds, or -1 when no sample ran that long.
     */
    public double remainingQuantile(double q, int stage) {
        int beyond = samplesBeyond(stage);
        if (beyond == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * beyond));
        long seen = 0;
        for (int bin = stage; bin < counts.length; bin++) {
            seen += counts[bin];
            if (seen >= rank) {
                return LogHistogram.middle(bin) - elapsedAt(stage);
            }
        }
        return LogHistogram.middle(counts.length - 1) - elapsedAt(stage);
    }

    /**
     * The Gittins rank of a job at this stage, in seconds: the least, over how much longer it may
     * run (up to each bin's middle), of the expected time that costs over the chance it finishes
     * within it. Serving the smallest rank first minimises mean completion time for jobs whose
     * durations follow their distributions (Gittins; Tiresias' distribution-aware 2D-LAS). -1 when
     * no sample ran as long as the job has: the caller decides what such a job is worth.
     */
    public double gittinsRank(int stage) {
        if (stage >= ranks.length || samplesBeyond(stage) == 0) {
            return -1;
        }
        if (Double.isNaN(ranks[stage])) {
            ranks[stage] = computeRank(stage);
        }
        return ranks[stage];
    }

    /** One pass over the bins: with C samples done by the threshold and W their time, the cost is W + (N − C)·Δ. */
    private double computeRank(int stage) {
        double from = elapsedAt(stage);
        long total = samplesBeyond(stage);
        long done = 0;
        double doneTime = 0;
        double best = Double.MAX_VALUE;
        for (int bin = stage; bin < counts.length; bin++) {
            if (counts[bin] == 0) {
                continue;
            }
            double remaining = LogHistogram.middle(bin) - from;
            done += counts[bin];
            doneTime += counts[bin] * remaining;
            best = Math.min(best, (doneTime + (total - done) * remaining) / done);
        }
        return best;
    }

    /** Equal when the counts are: plans and snapshots built twice from the same history compare equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DurationDistribution other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "DurationDistribution[" + size() + " samples]";
    }
}
