package org.gantry.scheduler.policy.forecast;

/**
 * When a waiting job is expected to start (epoch or trace seconds), with a 10–90 % range: the
 * queue run forward with every duration at its median (the point), at its 10th percentile (the
 * earliest) and at its 90th (the latest). {@code earliest <= start <= latest}.
 */
public record StartEstimate(long start, long earliest, long latest) {
    public StartEstimate {
        if (earliest > start || start > latest) {
            throw new IllegalArgumentException("need earliest <= start <= latest, got " + earliest + ", " + start
                    + ", " + latest);
        }
    }

    /** Whether the range holds {@code actual}. */
    public boolean holds(long actual) {
        return earliest <= actual && actual <= latest;
    }
}
