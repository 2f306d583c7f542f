package org.gantry.api.cluster;

/** Whether a node takes new work. Only READY nodes do; the others keep or lose what they run. */
public enum NodeStatus {
    /** Healthy and open for placements. */
    READY,
    /** Closed to new placements by an operator; running jobs continue. */
    CORDONED,
    /** Closed to new placements, and running jobs are being checkpointed and moved away. */
    DRAINING,
    /**
     * A draining node whose jobs have all gone: safe to take down. Shown, never stored (the node
     * stays closed as DRAINING; uncordon opens it).
     */
    DRAINED,
    /** The agent stopped answering; its jobs are requeued. */
    LOST
}
