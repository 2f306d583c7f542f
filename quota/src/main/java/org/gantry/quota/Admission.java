package org.gantry.quota;

/** Whether quota lets a job start now, and as what. */
public sealed interface Admission {
    /** Within the tenant's guarantee: never reclaimed by another tenant. */
    record Guaranteed() implements Admission {}

    /** Above the guarantee, on idle GPUs no guarantee needs: preemptible. */
    record Borrowing(int borrowedGpus) implements Admission {}

    /** Not now; {@code message} says why, with the numbers. */
    record Refused(Refusal refusal, String message) implements Admission {}

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
