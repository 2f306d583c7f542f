package org.gantry.api.job;

/**
 * How many GPUs a job wants: a fixed count ({@code min == max}), or an elastic range that
 * the scheduler grows into idle GPUs and shrinks towards {@code min} before preempting anyone.
 * In JSON a fixed request is a plain number ({@code 4}), an elastic one {@code {"min": 2, "max": 8}}.
 */
public record GpuRequest(int min, int max) {
    /** More than any node or pool we expect; a guard against typos like 80000. */
    public static final int MAX_GPUS = 4096;

    public GpuRequest {
        if (min < 1 || max < min || max > MAX_GPUS) {
            throw new IllegalArgumentException("GPU request must satisfy 1 <= min <= max <= " + MAX_GPUS
                    + ", got min=" + min + " max=" + max);
        }
    }

    public static GpuRequest fixed(int gpus) {
        return new GpuRequest(gpus, gpus);
    }

    public static GpuRequest elastic(int min, int max) {
        return new GpuRequest(min, max);
    }

    public boolean isElastic() {
        return min != max;
    }

    @Override
    public String toString() {
        return isElastic() ? min + ".." + max : Integer.toString(min);
    }
}
