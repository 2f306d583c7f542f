package org.gantry.scheduler.predict;

/**
 * Predicts how long a job will run from the jobs that finished before it was submitted. The
 * caller decides what "before" means by when it calls {@link #observe}: the simulator at each
 * job's finish time, production when a job record reaches a final state. Not thread-safe: the
 * scheduler actor (or the simulator's loop) owns it.
 */
public interface DurationPredictor {
    /** Predicted run time in seconds (> 0) of a job with these features. */
    long predictSeconds(JobFeatures job);

    /**
     * Predicted time still to run for a job that has already run {@code elapsedSeconds} (> 0):
     * for heavy-tailed durations, the longer a job has run, the longer it is likely to go on.
     */
    long predictRemainingSeconds(JobFeatures job, long elapsedSeconds);

    /** A job with these features ran for {@code seconds}. */
    void observe(JobFeatures job, long seconds);
}
