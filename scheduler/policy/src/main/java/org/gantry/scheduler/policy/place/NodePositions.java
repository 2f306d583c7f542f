package org.gantry.scheduler.policy.place;

import java.util.List;
import org.gantry.api.cluster.NodeId;
import org.gantry.scheduler.policy.NodeView;

/**
 * Where each node stands in a snapshot's node list, by id. Built once per pass, so it is one
 * int array probed linearly over the ids' hashes rather than a map with an entry and a boxed
 * position per node: on a 10,000-node cluster that map was most of what a short pass allocated.
 * A node listed twice is found at its last position, as a map's put would leave it.
 */
final class NodePositions {
    /**
     * The positions the last pass on this thread built. Nodes join or leave rarely, so the next
     * pass on the same thread (the scheduler actor's, the simulator's, the benchmark's) mostly
     * finds the very same ids in the very same order, and checking that by identity costs a tenth
     * of hashing 10,000 ids into a fresh table (and the 170 KB that table and its ids take).
     */
    private static final ThreadLocal<NodePositions> LAST = new ThreadLocal<>();

    /** The ids by position: one hop to compare, where the node list takes two (the view, then its id). */
    private final NodeId[] ids;
    /** Position + 1 of the node whose id hashes here (or, on a collision, nearest after); 0 when empty. */
    private final int[] slots;
    private final int mask;
    private final int shift;

    NodePositions(List<NodeView> nodes) {
        this.ids = new NodeId[nodes.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = nodes.get(i).id();
        }
        int size = Integer.highestOneBit(Math.max(2, nodes.size() * 2 - 1)) << 1; // a power of two, at most half full
        this.slots = new int[size];
        this.mask = size - 1;
        this.shift = Integer.numberOfLeadingZeros(mask);
        for (int i = 0; i < ids.length; i++) {
            NodeId id = ids[i];
            int slot = home(id);
            while (slots[slot] != 0 && !same(ids[slots[slot] - 1], id)) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    /** The positions of these nodes: the last ones built on this thread when they list the same ids in the same order. */
    static NodePositions forNodes(List<NodeView> nodes) {
        NodePositions last = LAST.get();
        if (last != null && last.lists(nodes)) {
            return last;
        }
        var built = new NodePositions(nodes);
        LAST.set(built);
        return built;
    }

    /** Whether the nodes hold exactly these ids, by identity (an equal id that is another object builds anew: rare, and still right). */
    private boolean lists(List<NodeView> nodes) {
        if (nodes.size() != ids.length) {
            return false;
        }
        for (int i = 0; i < ids.length; i++) {
            if (nodes.get(i).id() != ids[i]) {
                return false;
            }
        }
        return true;
    }

    /** The node's position, or -1 when the list does not hold it. */
    int of(NodeId id) {
        for (int slot = home(id); slots[slot] != 0; slot = (slot + 1) & mask) {
            if (same(ids[slots[slot] - 1], id)) {
                return slots[slot] - 1;
            }
        }
        return -1;
    }

    /** Callers mostly hold the very id the node list holds, which compares without reading the name. */
    private static boolean same(NodeId a, NodeId b) {
        return a == b || a.value().equals(b.value()); // the record's equals, without its method-handle dispatch
    }

    /** Fibonacci hashing: ids like node-1, node-2, … hash next to each other, and would crowd one run of slots. */
    private int home(NodeId id) {
        // The name's hash, as the record's would be; read directly, since a reclaiming pass asks for thousands of ids.
        return (id.value().hashCode() * 0x9E3779B9) >>> shift;
    }
}
