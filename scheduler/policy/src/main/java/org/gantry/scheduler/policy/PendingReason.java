package org.gantry.scheduler.policy;

/**
 * Why a job is still waiting: the shared vocabulary of explanations, one value per stage that
 * can hold a job back (like the Kubernetes scheduler's status codes).
 */
public enum PendingReason {
    /**
     * It can never start as submitted: it needs more GPUs than its pool has in all, or than its
     * tenant may hold there (see {@link NeverFits}); the message says what to change.
     */
    NEVER_FITS,
    /** Quota refused it (admit stage); the message gives the tenant's numbers. */
    QUOTA,
    /** It would borrow beyond its tenant's fair share of the idle GPUs while other borrowers wait. */
    FAIR_SHARE,
    /** No node in its pool matches its constraints at all (filter stage). */
    NO_MATCHING_NODE,
    /** Matching nodes exist, but none has enough free GPUs now (place stage). */
    INSUFFICIENT_GPUS,
    /** It holds the reservation: the GPUs it needs are promised to it at the estimated start. */
    RESERVED,
    /** It would delay the reserved start of a job ahead of it (backfill stage). */
    BLOCKED_BY_RESERVATION,
    /** A job ahead of it in a strict first-in-first-out pool cannot start, so nothing behind it may. */
    HEAD_OF_LINE,
    /** GPUs are being reclaimed or shrunk for it; it starts once they are released. */
    AWAITING_RECLAIM,
    /** The pass stopped before reaching it: no free GPU was left that it could use. */
    NOT_REACHED
}
