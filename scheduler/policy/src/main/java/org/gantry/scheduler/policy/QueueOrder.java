package org.gantry.scheduler.policy;

import java.util.Comparator;

/**
 * Stage 1, order: which waiting job goes first. Higher {@link PendingJob#priority()} always
 * goes first; within a priority the order's {@link #key} decides, smaller first, then submit
 * time and id so that ties break the same way every time.
 *
 * <p>A key must not change while a job waits, so that callers keep the queue sorted
 * incrementally. Aging fits that rule: a key {@code k − a·(now − submittedAt)} orders jobs
 * exactly like {@code k + a·submittedAt}, because {@code a·now} is the same for every job.
 */
public interface QueueOrder {
    String name();

    double key(PendingJob job);

    /** Written out rather than composed: queues compare on every insert and removal, 100,000s of times a pass. */
    default Comparator<PendingJob> comparator() {
        return (a, b) -> compare(a, key(a), b, key(b));
    }

    /**
     * The order of {@link #comparator} for jobs whose keys are already known: for callers that
     * compare one job many times (a pass's walk merging tenants' queues), since a key may cost a
     * distribution lookup (the Gittins rank).
     */
    static int compare(PendingJob a, double keyA, PendingJob b, double keyB) {
        if (a.priority() != b.priority()) {
            return a.priority() > b.priority() ? -1 : 1;
        }
        int byKey = Double.compare(keyA, keyB);
        if (byKey != 0) {
            return byKey;
        }
        if (a.submittedAt() != b.submittedAt()) {
            return a.submittedAt() < b.submittedAt() ? -1 : 1;
        }
        return a.id().compareTo(b.id());
    }
}
