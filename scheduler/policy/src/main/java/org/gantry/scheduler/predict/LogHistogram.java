package org.gantry.scheduler.predict;

/**
 * Durations of recent jobs in logarithmic bins (8 per doubling, 1 s to ~2 years), over a sliding
 * window of the last {@code window} samples: quantiles in O(bins), updates in O(1), memory
 * fixed, and old behaviour ages out as a tenant's workload changes.
 */
final class LogHistogram {
    private static final int BINS_PER_DOUBLING = 8;
    static final int BINS = 26 * BINS_PER_DOUBLING;

    private final int[] counts = new int[BINS];
    /** The window's bins, oldest overwritten first; grown as samples come, as most groups (a one-off job name) hold few. */
    private int[] recent;
    private final int window;
    private int next;
    private int size;
    /** The snapshot of the current counts, made when first asked after a change. */
    private DurationDistribution snapshot;

    LogHistogram(int window) {
        this.window = window;
        this.recent = new int[Math.min(window, 8)];
    }

    void add(long seconds) {
        int bin = binOf(seconds);
        if (size == window) {
            counts[recent[next]]--;
        } else if (++size > recent.length) {
            recent = java.util.Arrays.copyOf(recent, Math.min(window, 2 * recent.length));
        }
        recent[next] = bin;
        next = (next + 1) % window;
        counts[bin]++;
        snapshot = null;
    }

    int size() {
        return size;
    }

    /** The window as an immutable distribution; shared by every caller until the next sample. */
    DurationDistribution distribution() {
        if (snapshot == null) {
            snapshot = new DurationDistribution(counts);
        }
        return snapshot;
    }

    /** The {@code q}-quantile (0 < q < 1) of the durations in the window, at its bin's geometric middle. */
    long quantile(double q) {
        return quantileAbove(q, 0);
    }

    /**
     * The {@code q}-quantile of the durations longer than {@code seconds} (those in higher bins),
     * or -1 when none is: what to expect of a job that has already run that long.
     */
    long quantileAbove(double q, long seconds) {
        int first = seconds <= 0 ? 0 : binOf(seconds) + 1;
        long above = 0;
        for (int bin = first; bin < BINS; bin++) {
            above += counts[bin];
        }
        if (above == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * above));
        long seen = 0;
        for (int bin = first; bin < BINS; bin++) {
            seen += counts[bin];
            if (seen >= rank && counts[bin] > 0) {
                return secondsOf(bin);
            }
        }
        return secondsOf(BINS - 1);
    }

    static int binOf(long seconds) {
        double doublings = Math.log(Math.max(1, seconds)) / Math.log(2);
        return (int) Math.min(BINS - 1, Math.floor(doublings * BINS_PER_DOUBLING));
    }

    /** The smallest duration in this bin (bins past the last are treated as its continuation). */
    static double lowerEdge(int bin) {
        return Math.pow(2, (double) bin / BINS_PER_DOUBLING);
    }

    /** The bin's geometric middle, where its samples count. */
    static double middle(int bin) {
        return Math.pow(2, (bin + 0.5) / BINS_PER_DOUBLING);
    }

    private static long secondsOf(int bin) {
        return Math.max(1, Math.round(middle(bin)));
    }
}
