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
    private final List<NodeView> nodes;
    /** Position + 1 of the node whose id hashes here (or, on a collision, nearest after); 0 when empty. */
    private final int[] slots;
    private final int mask;
    private final int shift;

    NodePositions(List<NodeView> nodes) {
        this.nodes = nodes;
        int size = Integer.highestOneBit(Math.max(2, nodes.size() * 2 - 1)) << 1; // a power of two, at most half full
        this.slots = new int[size];
        this.mask = size - 1;
        this.shift = Integer.numberOfLeadingZeros(mask);
        for (int i = 0; i < nodes.size(); i++) {
            NodeId id = nodes.get(i).id();
            int slot = home(id);
            while (slots[slot] != 0 && !nodes.get(slots[slot] - 1).id().equals(id)) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    /** The node's position, or -1 when the list does not hold it. */
    int of(NodeId id) {
        for (int slot = home(id); slots[slot] != 0; slot = (slot + 1) & mask) {
            if (nodes.get(slots[slot] - 1).id().equals(id)) {
                return slots[slot] - 1;
            }
        }
        return -1;
    }

    /** Fibonacci hashing: ids like node-1, node-2, … hash next to each other, and would crowd one run of slots. */
    private int home(NodeId id) {
        return (id.hashCode() * 0x9E3779B9) >>> shift;
    }
}
