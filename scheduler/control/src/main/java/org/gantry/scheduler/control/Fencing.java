package org.gantry.scheduler.control;

import java.time.Duration;

/**
 * The lease every agent holds on its work (see {@code gantry.scheduler.fencing} in reference.conf).
 * An agent keeps its workloads running for {@code lease} after a report the control plane
 * answered, then stops them within {@code grace}; the control plane requeues a silent node's
 * jobs only once {@link #horizon()} passed since it last renewed that node's lease, so a job
 * never runs in two places at once, whatever cut the node off.
 *
 * @param lease  how long one renewal keeps an agent's workloads running, from the report that earned it
 * @param grace  SIGTERM → SIGKILL when a lease lapses: the time a workload gets to write a checkpoint
 * @param margin what the control plane adds for clocks that run at slightly different rates and
 *               for the agent's fence, which looks at its lease once a second
 */
public record Fencing(Duration lease, Duration grace, Duration margin) {
    public Fencing {
        requirePositive(lease, "lease");
        requireNotNegative(grace, "grace");
        requireNotNegative(margin, "margin");
    }

    /** After this long without a renewal, a node's workloads are surely gone. */
    public Duration horizon() {
        return lease.plus(grace).plus(margin);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("gantry.scheduler.fencing." + name + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("gantry.scheduler.fencing." + name + " must not be negative, got "
                    + value);
        }
    }
}
