package org.gantry.tests.chaos;

import java.util.List;

/** The nearest-rank percentile the chaos reports all use. */
final class Percentile {
    private Percentile() {}

    /** The {@code percent}th percentile of {@code sorted} (ascending, not empty) by nearest rank. */
    static long of(List<Long> sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
