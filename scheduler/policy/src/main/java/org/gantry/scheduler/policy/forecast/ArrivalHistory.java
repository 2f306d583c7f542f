package org.gantry.scheduler.policy.forecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import org.gantry.scheduler.policy.PendingJob;

/**
 * The jobs submitted lately, as they were first queued, kept for {@link RecentArrivals}: what a
 * forecast expects to keep arriving. Its owner (the scheduler actor, the simulator's loop) records
 * each job once, when first queued; jobs submitted more than {@code windowSeconds} before the
 * latest are forgotten. Not thread-safe: the copy it hands a forecast is immutable.
 */
public final class ArrivalHistory {
    /** Enough to smooth Philly's bursts, short enough to follow a day's rhythm. */
    public static final long DEFAULT_WINDOW_SECONDS = 4 * 3600;

    private final long windowSeconds;
    /** In order of recording; submit times are nearly ordered (a restarted scheduler records late). */
    private final ArrayDeque<PendingJob> recent = new ArrayDeque<>();
    private long latestSubmit = Long.MIN_VALUE;

    public ArrivalHistory(long windowSeconds) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("the arrival window must be >= 1 s, got " + windowSeconds);
        }
        this.windowSeconds = windowSeconds;
    }

    public ArrivalHistory() {
        this(DEFAULT_WINDOW_SECONDS);
    }

    /** A job was submitted and queued for the first time (not a requeue). */
    public void record(PendingJob submitted) {
        latestSubmit = Math.max(latestSubmit, submitted.submittedAt());
        recent.addLast(submitted);
        while (!recent.isEmpty() && recent.peekFirst().submittedAt() < latestSubmit - windowSeconds) {
            recent.pollFirst();
        }
    }

    /** The jobs submitted in the window that ends at {@code now}, as an immutable copy. */
    public RecentArrivals at(long now) {
        var inWindow = new ArrayList<PendingJob>();
        for (PendingJob job : recent) {
            if (job.submittedAt() > now - windowSeconds && job.submittedAt() <= now) {
                inWindow.add(job);
            }
        }
        return new RecentArrivals(now, windowSeconds, inWindow);
    }
}
