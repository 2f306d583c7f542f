package org.gantry.api.http;

/**
 * One caller's bucket at an instant: {@code tokens} left (fractions count) as of {@code atNanos}.
 * Immutable; {@link #take} is a pure function of the bucket, the limit and the time.
 */
record TokenBucket(double tokens, long atNanos) {

    /** A bucket after a request: whether it got a token. */
    record Taken(TokenBucket bucket, boolean granted) {}

    static TokenBucket full(RateLimit limit, long nowNanos) {
        return new TokenBucket(limit.burst(), nowNanos);
    }

    /** Refilled up to {@code nowNanos} (never above the burst), then one token taken if there is one. */
    Taken take(RateLimit limit, long nowNanos) {
        double refilled = tokensAt(limit, nowNanos);
        long at = Math.max(atNanos, nowNanos);
        return refilled >= 1 ? new Taken(new TokenBucket(refilled - 1, at), true)
                : new Taken(new TokenBucket(refilled, at), false);
    }

    /** The tokens it holds at {@code nowNanos}, refilled since {@code atNanos} (never above the burst). */
    double tokensAt(RateLimit limit, long nowNanos) {
        long elapsed = Math.max(0, nowNanos - atNanos);
        return Math.min(limit.burst(), tokens + elapsed / 1e9 * limit.perSecond());
    }
}
