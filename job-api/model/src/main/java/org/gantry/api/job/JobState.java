package org.gantry.api.job;

/**
 * Where a job is in its life. A job moves forward only, except SUSPENDING → PENDING on requeue
 * and SUSPENDING → SCHEDULED (its next attempt) when an elastic job is resized.
 */
public enum JobState {
    /** Accepted and waiting for GPUs. */
    PENDING,
    /** GPUs reserved on nodes; the workload is starting. */
    SCHEDULED,
    /** The workload runs. */
    RUNNING,
    /**
     * Being checkpointed and stopped for preemption, resize or node drain; requeued afterwards,
     * except after a resize: then the next attempt is placed at once on the job's {@code resizeTo}.
     */
    SUSPENDING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Whether the job holds GPUs in this state. */
    public boolean holdsGpus() {
        return this == SCHEDULED || this == RUNNING || this == SUSPENDING;
    }
}
