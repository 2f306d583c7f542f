package org.gantry.api.http;

import java.time.Duration;

/**
 * How fast one caller may change things: {@code perSecond} on average, up to {@code burst} at
 * once (a token bucket of that size, refilled at that rate).
 */
public record RateLimit(double perSecond, int burst) {
    /** No limit: for tests and embedding that bring their own. */
    public static final RateLimit UNLIMITED = new RateLimit(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

    public RateLimit {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a rate above 0 and a burst of at least 1, got "
                    + perSecond + "/s burst " + burst);
        }
    }

    boolean unlimited() {
        return Double.isInfinite(perSecond);
    }

    /** How long one more request waits for a token when the bucket holds {@code tokens} (below 1). */
    Duration untilNextToken(double tokens) {
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
    }
}
