package org.gantry.scheduler.policy;

/**
 * A scheduling policy: a pure function from a {@link Snapshot} to a {@link Plan}. No clock, no
 * I/O, no actors, so the control plane and the simulator run the very same code, and the same
 * snapshot always gives the same plan.
 */
public interface SchedulingPolicy {
    /** The name operators pick it by ({@code gantry simulate --policies ...}). */
    String name();

    /** The order the queue must be kept in for {@link #plan}. */
    QueueOrder order();

    Plan plan(Snapshot snapshot);
}
