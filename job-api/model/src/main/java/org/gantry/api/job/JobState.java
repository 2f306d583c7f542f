package org.gantry.api.job;

/** Where a job is in its life. A job moves forward only, except SUSPENDING → PENDING on requeue. */
public enum JobState {
    /** Accepted and waiting for GPUs. */
    PENDING,
    /** GPUs reserved on nodes; the workload is starting. */
    SCHEDULED,
    /** The workload runs. */
    RUNNING,
    /** Being checkpointed and stopped for preemption, resize or node drain; requeued afterwards. */
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
