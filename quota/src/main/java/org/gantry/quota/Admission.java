package org.gantry.quota;

import java.util.Objects;
import java.util.function.Supplier;

/** Whether quota lets a job start now, and as what. */
public sealed interface Admission {
    /** Within the tenant's guarantee: never reclaimed by another tenant. */
    record Guaranteed() implements Admission {}

    /** Above the guarantee, on idle GPUs no guarantee needs: preemptible. */
    record Borrowing(int borrowedGpus) implements Admission {}

    /**
     * Not now; {@link #message()} says why, with the numbers. The words are composed when first
     * read: a scheduling walk is refused hundreds of times a pass and reads few of them.
     */
    final class Refused implements Admission {
        private final Refusal refusal;
        private final Supplier<String> words;
        private volatile String message;

        public Refused(Refusal refusal, String message) {
            this.refusal = Objects.requireNonNull(refusal, "refusal");
            this.message = Objects.requireNonNull(message, "message");
            this.words = null;
        }

        /** A refusal whose words are composed when read, from numbers {@code words} captured already. */
        public Refused(Refusal refusal, Supplier<String> words) {
            this.refusal = Objects.requireNonNull(refusal, "refusal");
            this.words = Objects.requireNonNull(words, "words");
        }

        public Refusal refusal() {
            return refusal;
        }

        public String message() {
            String said = message;
            if (said == null) {
                said = words.get();
                message = said;
            }
            return said;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Refused that && refusal == that.refusal && message().equals(that.message());
        }

        @Override
        public int hashCode() {
            return Objects.hash(refusal, message());
        }

        @Override
        public String toString() {
            return "Refused[refusal=" + refusal + ", message=" + message() + "]";
        }
    }

    /** Why quota refused a job. */
    enum Refusal {
        /** The tenant was granted nothing in this pool. */
        NO_QUOTA,
        /** The job alone is larger than the tenant's limit: it can never run here. */
        LARGER_THAN_LIMIT,
        /** Running it now would take the tenant above its limit; it waits for its own jobs to end. */
        ABOVE_LIMIT,
        /** It would need to borrow, and a non-preemptible job runs only within the guarantee. */
        NOT_PREEMPTIBLE,
        /** It would need to borrow more GPUs than the pool has idle. */
        NO_IDLE_CAPACITY,
        /** It would need to borrow beyond the tenant's fair share of the idle GPUs. */
        ABOVE_FAIR_SHARE
    }

    default boolean admitted() {
        return !(this instanceof Refused);
    }
}
