package org.gantry.scheduler.policy.forecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import org.gantry.scheduler.policy.PendingJob;

/**
 * The jobs submitted lately, as they were first queued, kept for {@link RecentArrivals}: what a
 * forecast expects to keep arriving. Its owner (the scheduler actor, the simulator's loop) records
 * each job once, when first queued; jobs submitted more than {@code windowSeconds} before the
 * latest are forgotten, and so are all but the newest {@code maxJobs}: the scheduler copies the
 * window on its own thread for every forecast, and a submit flood must not fill the heap. A
 * window cut short by that cap is the span its jobs cover, so the rate they repeat at stays the
 * rate they came at. Not thread-safe: the copy it hands a forecast is immutable.
 */
public final class ArrivalHistory {
    /** Enough to smooth Philly's bursts, short enough to follow a day's rhythm. */
    public static final long DEFAULT_WINDOW_SECONDS = 4 * 3600;
    /** Far more than Philly's busiest four hours; a forward run could not place more anyway. */
    public static final int DEFAULT_MAX_JOBS = 10_000;

    private final long windowSeconds;
    private final int maxJobs;
    /** In order of recording; submit times are nearly ordered (a restarted scheduler records late). */
    private final ArrayDeque<PendingJob> recent = new ArrayDeque<>();
    private long latestSubmit = Long.MIN_VALUE;

    public ArrivalHistory(long windowSeconds, int maxJobs) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("the arrival window must be >= 1 s, got " + windowSeconds);
        }
        if (maxJobs < 1) {
            throw new IllegalArgumentException("the arrival window must hold >= 1 job, got " + maxJobs);
        }
        this.windowSeconds = windowSeconds;
        this.maxJobs = maxJobs;
    }

    public ArrivalHistory(long windowSeconds) {
        this(windowSeconds, DEFAULT_MAX_JOBS);
    }

    public ArrivalHistory() {
        this(DEFAULT_WINDOW_SECONDS);
    }

    /** A job was submitted and queued for the first time (not a requeue). */
    public void record(PendingJob submitted) {
        latestSubmit = Math.max(latestSubmit, submitted.submittedAt());
        recent.addLast(submitted);
        while (recent.size() > maxJobs
                || (!recent.isEmpty() && recent.peekFirst().submittedAt() < latestSubmit - windowSeconds)) {
            recent.pollFirst();
        }
    }

    /** The jobs submitted in the window that ends at {@code now}, as an immutable copy. */
    public RecentArrivals at(long now) {
        var inWindow = new ArrayList<PendingJob>();
        long earliest = now;
        for (PendingJob job : recent) {
            if (job.submittedAt() > now - windowSeconds && job.submittedAt() <= now) {
                inWindow.add(job);
                earliest = Math.min(earliest, job.submittedAt());
            }
        }
        // Cut short by the cap: the window is the span its jobs cover, so they repeat at their own rate.
        long window = recent.size() < maxJobs ? windowSeconds : Math.min(windowSeconds, now - earliest + 1);
        return new RecentArrivals(now, window, inWindow);
    }
}
