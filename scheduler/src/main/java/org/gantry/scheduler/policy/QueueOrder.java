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

    default Comparator<PendingJob> comparator() {
        return Comparator.comparingInt((PendingJob job) -> -job.priority())
                .thenComparingDouble(this::key)
                .thenComparingLong(PendingJob::submittedAt)
                .thenComparing(PendingJob::id);
    }
}
