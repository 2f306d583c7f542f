package org.gantry.scheduler.policy;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Why a job is still pending, in words with the numbers behind them, and when it is expected to
 * start (absent when nothing running now would make room for it, or the pass did not estimate it).
 *
 * <p>A value, like a record (equal when reason, words and start are). The words may be composed
 * only when first read ({@link #of(PendingReason, Supplier)}): a pass explains every job it
 * reaches, hundreds a pass, and a replay of a trace or a pass nobody asks about never reads them.
 * Their supplier must capture the numbers as they stand, never a state that changes later.
 */
public final class Explanation {
    private final PendingReason reason;
    private final OptionalLong estimatedStart;
    /** The words once composed; until then null, and {@link #words} composes them. */
    private volatile String message;
    private final Supplier<String> words;

    public Explanation(PendingReason reason, String message, OptionalLong estimatedStart) {
        this(reason, Objects.requireNonNull(message, "message"), null, estimatedStart);
    }

    private Explanation(PendingReason reason, String message, Supplier<String> words, OptionalLong estimatedStart) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.message = message;
        this.words = words;
        this.estimatedStart = Objects.requireNonNull(estimatedStart, "estimatedStart");
    }

    public static Explanation of(PendingReason reason, String message) {
        return new Explanation(reason, message, OptionalLong.empty());
    }

    /** An explanation whose words are composed when first read, from numbers {@code words} captured already. */
    public static Explanation of(PendingReason reason, Supplier<String> words) {
        return new Explanation(reason, null, Objects.requireNonNull(words, "words"), OptionalLong.empty());
    }

    public Explanation startingAt(long estimatedStart) {
        return new Explanation(reason, message, message == null ? words : null, OptionalLong.of(estimatedStart));
    }

    public PendingReason reason() {
        return reason;
    }

    public String message() {
        String known = message;
        if (known == null) {
            known = words.get(); // the same words whoever composes them first
            message = known;
        }
        return known;
    }

    public OptionalLong estimatedStart() {
        return estimatedStart;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Explanation other && reason == other.reason && estimatedStart.equals(other.estimatedStart)
                && message().equals(other.message());
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, message(), estimatedStart);
    }

    @Override
    public String toString() {
        return "Explanation[reason=" + reason + ", message=" + message() + ", estimatedStart=" + estimatedStart + "]";
    }
}
