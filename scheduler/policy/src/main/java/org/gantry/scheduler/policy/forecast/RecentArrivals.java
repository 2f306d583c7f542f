package org.gantry.scheduler.policy.forecast;

import java.util.Comparator;
import java.util.List;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.PendingJob;

/**
 * What a forecast expects to arrive after {@code now}: the jobs submitted in the window before it,
 * submitted again, window after window, at the same offsets (same tenants, sizes, estimates and
 * outlooks). Later arrivals that rank ahead of a waiting job delay it; a forecast that left them
 * out told starts too early (issue #14). {@link #NONE} expects nothing.
 *
 * @param now           the end of the window, when the forecast starts
 * @param windowSeconds how long the window is; its arrivals repeat with this period
 * @param jobs          the jobs submitted in {@code (now - windowSeconds, now]}
 */
public record RecentArrivals(long now, long windowSeconds, List<PendingJob> jobs) {
    public static final RecentArrivals NONE = new RecentArrivals(0, 1, List.of());

    public RecentArrivals {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("the arrival window must be >= 1 s, got " + windowSeconds);
        }
        jobs = jobs.stream().sorted(Comparator.comparingLong(PendingJob::submittedAt)).toList();
    }

    /** The first {@code limit} arrivals a forecast from {@code from} expects, in time order. */
    Replay replayFrom(long from, int limit) {
        return new Replay(from, limit);
    }

    /** The expected arrivals one after another: window {@code round} repeats the recent one shifted by its length. */
    final class Replay {
        private final long from;
        private int left;
        private int round;
        private int next;

        private Replay(long from, int limit) {
            this.from = from;
            this.left = limit;
        }

        /** When the next expected job arrives, or {@link Long#MAX_VALUE} when none will. */
        long nextAt() {
            return jobs.isEmpty() || left == 0 ? Long.MAX_VALUE : arrivalOf(jobs.get(next));
        }

        /** The next expected job, submitted at {@link #nextAt()} under an id of its own; then moves on. */
        PendingJob take() {
            PendingJob template = jobs.get(next);
            long at = arrivalOf(template);
            PendingJob arrival = new PendingJob(JobId.of("forecast.arrival-" + round + "." + next),
                    template.owner(), template.gpus(), template.constraints(), at, template.estimatedSeconds(),
                    template.priority(), template.preemptible(), 0, template.outlook());
            left--;
            if (++next == jobs.size()) {
                next = 0;
                round++;
            }
            return arrival;
        }

        private long arrivalOf(PendingJob template) {
            return from + (template.submittedAt() - (now - windowSeconds)) + (long) round * windowSeconds;
        }
    }
}
