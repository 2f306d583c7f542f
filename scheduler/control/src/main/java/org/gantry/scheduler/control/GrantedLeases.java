package org.gantry.scheduler.control;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.gantry.api.cluster.NodeId;

/**
 * When this control plane last renewed each node's lease, by its own monotonic clock, and so
 * when a node's workloads are surely gone ({@link Fencing#horizon()} later). A node it never
 * renewed may hold a lease a previous control plane granted just before it died: that one lapses
 * within the horizon of this one's start. Part of the scheduler actor; not thread-safe.
 */
final class GrantedLeases {
    private final Fencing fencing;
    private final long startedNanos;
    private final Map<NodeId, Long> renewedNanos = new HashMap<>();

    GrantedLeases(Fencing fencing, long startedNanos) {
        this.fencing = fencing;
        this.startedNanos = startedNanos;
    }

    void renewed(NodeId node, long nanos) {
        renewedNanos.put(node, nanos);
    }

    /** How long until the node's workloads are surely gone (zero once they are). */
    Duration untilFenced(NodeId node, long nowNanos) {
        long since = renewedNanos.getOrDefault(node, startedNanos);
        return Duration.ofNanos(Math.max(0, since + fencing.horizon().toNanos() - nowNanos));
    }

    boolean fenced(NodeId node, long nowNanos) {
        return untilFenced(node, nowNanos).isZero();
    }
}
