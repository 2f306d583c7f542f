package org.gantry.scheduler.policy;

import java.util.OptionalLong;

/**
 * Why a job is still pending, in words with the numbers behind them, and when it is expected to
 * start (absent when nothing running now would make room for it, or the pass did not estimate it).
 */
public record Explanation(PendingReason reason, String message, OptionalLong estimatedStart) {
    public static Explanation of(PendingReason reason, String message) {
        return new Explanation(reason, message, OptionalLong.empty());
    }

    public Explanation startingAt(long estimatedStart) {
        return new Explanation(reason, message, OptionalLong.of(estimatedStart));
    }
}
