package org.gantry.scheduler.sim;

/**
 * What happened to one trace job in a simulation: when it first started and finished (-1 when it
 * never did), how often it was preempted, and the duration the policy was told at submit.
 */
public record JobOutcome(TraceJob job, long firstStart, long finish, int preemptions, long predictedSeconds) {
    public boolean finished() {
        return finish >= 0;
    }

    public long completionSeconds() {
        return finish - job.submitSeconds();
    }
}
