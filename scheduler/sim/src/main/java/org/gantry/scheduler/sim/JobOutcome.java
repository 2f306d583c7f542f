package org.gantry.scheduler.sim;

/**
 * What happened to one trace job in a simulation: when it first started and finished (-1 when it
 * never did), how often it was preempted, the duration the policy was told at submit, and the
 * 10–90% range of durations the learned distributions gave at submit (-1 when none was made).
 */
public record JobOutcome(TraceJob job, long firstStart, long finish, int preemptions, long predictedSeconds,
                         long predictedP10Seconds, long predictedP90Seconds) {
    public JobOutcome(TraceJob job, long firstStart, long finish, int preemptions, long predictedSeconds) {
        this(job, firstStart, finish, preemptions, predictedSeconds, -1, -1);
    }

    public boolean finished() {
        return finish >= 0;
    }

    public long completionSeconds() {
        return finish - job.submitSeconds();
    }
}
