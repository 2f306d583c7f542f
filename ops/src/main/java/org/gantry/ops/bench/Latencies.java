package org.gantry.ops.bench;

import java.util.Arrays;

/** Latencies in microseconds, appended by one thread at a time, summarised once at the end. */
final class Latencies {
    private long[] micros = new long[1024];
    private int count;

    synchronized void add(long value) { // many HTTP threads report here; the work inside is tiny
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = value;
    }

    /** Appends every latency here to {@code other}. */
    synchronized void addAllTo(Latencies other) {
        for (int i = 0; i < count; i++) {
            other.add(micros[i]);
        }
    }

    synchronized LatencySummary summary() {
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return new LatencySummary(count, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
                count == 0 ? 0 : sorted[count - 1] / 1000.0);
    }

    private static double at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
