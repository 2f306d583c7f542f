package org.gantry.api.protocol;

/** Why a workload ended: the control plane turns this into the job's next state. */
public enum ExitCause {
    /** It ran to its end on its own; the exit code says whether it succeeded. */
    COMPLETED,
    /** The control plane stopped it (cancel, preemption, resize, drain). */
    STOPPED,
    /** It ran past its {@code timeLimit} and was killed. */
    TIME_LIMIT,
    /** It could not be started at all (no such command, bad working directory…). */
    LAUNCH_FAILED,
    /**
     * The node lost contact with the control plane for longer than its lease, and stopped the
     * workload itself so that the job can run elsewhere without running twice (or it refused to
     * start it, holding no lease). Not the job's fault: it is requeued without spending a retry.
     */
    LEASE_LAPSED
}
