package org.gantry.scheduler.policy.state;

/**
 * Whether a plan's decision (a placement, preemption or resize) still fits the state it is
 * applied to, and if not, the first reason found (its slices in the decision's order). Callers
 * decide what a misfit means: the scheduler actor refuses it and plans again, the simulator
 * counts it as a policy violation, the benchmark stops.
 */
public enum PlacementCheck {
    FITS,
    /** The job is not in the queue: never submitted, started already, or gone. */
    NOT_WAITING,
    /** A node the state does not know, or one not registered (yet). */
    UNKNOWN_NODE,
    /** A GPU the node does not have (or not a healthy one). */
    NOT_ON_NODE,
    /** The node takes no new work: cordoned, draining or lost. */
    NOT_SCHEDULABLE,
    /** A GPU something else holds. */
    TAKEN,
    /** Fewer or more GPUs than the job asks for, or a resize of a job that is not elastic. */
    WRONG_SIZE,
    /** The job's tenant would hold more GPUs in the pool than its quota's limit. */
    OVER_LIMIT,
    /** A preempted or resized job that holds no GPUs (or not those the plan thought). */
    NOT_RUNNING
}
