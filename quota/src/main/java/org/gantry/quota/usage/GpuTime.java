package org.gantry.quota.usage;

/**
 * GPU time, in GPU-milliseconds, split like a {@link Share}: held within the guarantee and
 * borrowed. Milliseconds keep sums exact (a long holds 290 million GPU-years).
 */
public record GpuTime(long guaranteedMillis, long borrowedMillis) {
    public static final GpuTime ZERO = new GpuTime(0, 0);
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    public GpuTime {
        if (guaranteedMillis < 0 || borrowedMillis < 0) {
            throw new IllegalArgumentException("GPU time cannot be negative: " + guaranteedMillis + "/" + borrowedMillis);
        }
    }

    /** {@code share} held for {@code millis}. */
    public static GpuTime of(Share share, long millis) {
        return new GpuTime(share.guaranteed() * millis, share.borrowed() * millis);
    }

    public GpuTime plus(GpuTime other) {
        return new GpuTime(guaranteedMillis + other.guaranteedMillis, borrowedMillis + other.borrowedMillis);
    }

    public long usedMillis() {
        return guaranteedMillis + borrowedMillis;
    }

    public double usedHours() {
        return usedMillis() / MILLIS_PER_HOUR;
    }

    public double guaranteedHours() {
        return guaranteedMillis / MILLIS_PER_HOUR;
    }

    public double borrowedHours() {
        return borrowedMillis / MILLIS_PER_HOUR;
    }

    public boolean isZero() {
        return guaranteedMillis == 0 && borrowedMillis == 0;
    }
}
