package org.gantry.scheduler.policy.forecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import org.gantry.scheduler.policy.PendingJob;

/**
 * The jobs submitted lately, as they were first queued, kept for {@link RecentArrivals}: what a
 * forecast expects to keep arriving. Its owner (the scheduler actor, the simulator's loop) records
 * each job once, when first queued; jobs submitted more than {@code windowSeconds} before the
 * latest are forgotten, and so are all but the newest {@code maxJobs}: the scheduler copies the
 * window on its own thread for every forecast, and a submit flood must not fill the heap. The
 * window still counts every job submitted in it (per second), so a window cut short by that cap
 * repeats its newest jobs at the rate the whole window saw: a burst of 10,000 submits in 5 s after
 * a quiet hour is expected again as often as the hours before it say, not every 5 s for ever (that
 * grew a forecast's queue by 2,000 jobs per forecast second, until the heap ran out). Not
 * thread-safe: the copy it hands a forecast is immutable.
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
    /** How many jobs were submitted in each second of the window, oldest first, forgotten ones included. */
    private final ArrayDeque<long[]> perSecond = new ArrayDeque<>();
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
        if (submitted.submittedAt() >= latestSubmit - windowSeconds) {
            count(submitted.submittedAt());
        }
    }

    /** Counts a submit in its second; one recorded late (older than the newest second) counts in the newest. */
    private void count(long submittedAt) {
        long[] newest = perSecond.peekLast();
        if (newest != null && submittedAt <= newest[0]) {
            newest[1]++;
        } else {
            perSecond.addLast(new long[] {submittedAt, 1});
        }
        while (perSecond.peekFirst()[0] < latestSubmit - windowSeconds) {
            perSecond.pollFirst();
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
        long submittedInWindow = 0;
        for (long[] second : perSecond) {
            if (second[0] > now - windowSeconds && second[0] <= now) {
                submittedInWindow += second[1];
            }
        }
        return new RecentArrivals(now, period(inWindow.size(), submittedInWindow, now - earliest + 1), inWindow);
    }

    /**
     * How often the kept jobs repeat: the window, or where the cap forgot some of its jobs, the
     * share of it that the kept ones make of all submitted in it (so the window's rate holds), and
     * never shorter than the span the kept ones cover (each round's arrivals come after the last's).
     */
    private long period(int kept, long submittedInWindow, long keptSpan) {
        if (kept == 0 || submittedInWindow <= kept) {
            return windowSeconds;
        }
        long atTheWindowsRate = (long) Math.ceil((double) windowSeconds * kept / submittedInWindow);
        return Math.min(windowSeconds, Math.max(keptSpan, atTheWindowsRate));
    }
}
