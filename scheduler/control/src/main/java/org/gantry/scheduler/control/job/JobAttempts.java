package org.gantry.scheduler.control.job;

import java.util.ArrayList;
import java.util.List;
import org.gantry.api.job.JobAttempt;

/** A job's events told as its attempts ({@code GET /jobs/{id}}): each placement and how it ended. */
public final class JobAttempts {
    private JobAttempts() {}

    public static List<JobAttempt> of(List<JobEvent> events) {
        List<JobAttempt> attempts = new ArrayList<>();
        for (JobEvent event : events) {
            if (event instanceof JobEvent.Scheduled scheduled) {
                attempts.add(new JobAttempt(scheduled.attempt(), scheduled.allocation(), scheduled.at(), null, null,
                        null, null, null));
            } else if (event instanceof JobEvent.Resized resized) { // ends the attempt before, places this one
                update(attempts, resized.attempt() - 1, a -> new JobAttempt(a.attempt(), a.allocation(),
                        a.scheduledAt(), a.startedAt(), resized.at(), "RESIZED", null, resized.reason()));
                attempts.add(new JobAttempt(resized.attempt(), resized.allocation(), resized.at(), null, null, null,
                        null, null));
            } else if (event instanceof JobEvent.Started started) {
                update(attempts, started.attempt(), a -> new JobAttempt(a.attempt(), a.allocation(), a.scheduledAt(),
                        started.at(), null, null, null, null));
            } else if (event instanceof JobEvent.Requeued requeued) {
                update(attempts, requeued.attempt(), a -> new JobAttempt(a.attempt(), a.allocation(), a.scheduledAt(),
                        a.startedAt(), requeued.at(), requeued.retry() ? "RETRIED" : "REQUEUED", null,
                        requeued.reason()));
            } else if (event instanceof JobEvent.Finished finished) {
                update(attempts, finished.attempt(), a -> new JobAttempt(a.attempt(), a.allocation(), a.scheduledAt(),
                        a.startedAt(), finished.at(), finished.outcome().name(), finished.exitCode(),
                        finished.reason()));
            }
        }
        return List.copyOf(attempts);
    }

    /** Rewrites the attempt the event names; an event of an attempt never placed changes nothing. */
    private static void update(List<JobAttempt> attempts, int attempt,
                               java.util.function.UnaryOperator<JobAttempt> change) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).attempt() == attempt) {
                attempts.set(i, change.apply(attempts.get(i)));
                return;
            }
        }
    }
}
