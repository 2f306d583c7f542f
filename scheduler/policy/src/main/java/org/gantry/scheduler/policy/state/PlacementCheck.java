package org.gantry.scheduler.policy.state;

/**
 * Whether a plan's placement still fits the state it is applied to, and if not, the first
 * reason found (its slices in the placement's order). Callers decide what a misfit means: the
 * scheduler actor refuses it and plans again, the simulator counts it as a policy violation,
 * the benchmark stops.
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
    TAKEN
}
