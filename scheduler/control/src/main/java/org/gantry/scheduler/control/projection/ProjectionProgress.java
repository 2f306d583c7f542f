package org.gantry.scheduler.control.projection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.gantry.scheduler.control.job.JobEntity;

/**
 * How far the {@link JobProjector} has written the {@link JobTable}, published for readers on
 * other threads: a listing, or the scheduler starting, first waits until the table holds every
 * job event the journal had committed when it asked, so a job accepted a moment ago is listed.
 */
public final class ProjectionProgress {
    private final JobTable table;
    /** The offset written last; -1 until the projector has started (after its first-run rebuild). */
    private volatile long offset = -1;
    private final Map<CompletableFuture<Void>, Long> waiters = new ConcurrentHashMap<>();
    /** Why the projector last stopped, until it writes again; null while it runs. */
    private volatile Throwable lastFailure;

    public ProjectionProgress(JobTable table) {
        this.table = table;
    }

    public JobTable table() {
        return table;
    }

    /** Called by the projector once the table holds everything up to {@code written}. */
    void advance(long written) {
        offset = Math.max(offset, written); // only the projector writes: no lost update
        lastFailure = null;
        waiters.forEach((waiter, target) -> {
            if (target <= written) {
                waiter.complete(null);
            }
        });
    }

    void failed(Throwable failure) {
        lastFailure = failure;
    }

    /**
     * Why the table may be behind, in words for an error message: the projector's last failure,
     * when it has one; otherwise that it is catching up.
     */
    public String whyBehind() {
        Throwable failure = lastFailure;
        return failure == null ? "the job table is catching up with the journal"
                : "the job table's projector failed (" + failure + ") and is starting again";
    }

    /**
     * Like {@link #caughtUp()}, but fails after {@code timeout} with an exception saying why the
     * table is behind ({@link #whyBehind}).
     */
    public CompletableFuture<Void> caughtUp(Duration timeout) {
        return within(caughtUp(), timeout);
    }

    /** Like {@link #caughtUpTo(long)}, failing after {@code timeout} as {@link #caughtUp(Duration)} does. */
    public CompletableFuture<Void> caughtUpTo(long target, Duration timeout) {
        return within(caughtUpTo(target), timeout);
    }

    private CompletableFuture<Void> within(CompletionStage<Void> waiting, Duration timeout) {
        return waiting.toCompletableFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new IllegalStateException(
                        whyBehind() + " (waited " + timeout.toMillis() + " ms)")));
    }

    /** Completes once the table holds every job event the journal acknowledged before this call. */
    public CompletionStage<Void> caughtUp() {
        return caughtUpTo(journalHead());
    }

    /** The highest job event offset the journal has committed (see {@code Tables.journalHead}). */
    public long journalHead() {
        return table.tables().journalHead(JobEntity.TAG);
    }

    /** Completes once the table holds every job event up to the tag offset {@code target}. */
    public CompletionStage<Void> caughtUpTo(long target) {
        if (offset >= target) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.put(waiter, target);
        waiter.whenComplete((done, failure) -> waiters.remove(waiter));
        if (offset >= target) { // it moved between the check and the registration
            waiter.complete(null);
        }
        return waiter;
    }
}
