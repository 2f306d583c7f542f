package org.gantry.scheduler.policy.place;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;

/**
 * Free GPUs, indexed for best-fit search: per pool, schedulable nodes bucketed by how many GPUs
 * they have free. Finding the tightest node for {@code g} GPUs looks at buckets {@code g, g+1, …}
 * and takes the first node in the first non-empty one, so a placement costs a few word scans,
 * not a pass over every node. Built once per scheduling pass from the snapshot (an array copy)
 * and then changed in place as the pass places jobs: it belongs to one pass and never escapes it.
 * Sets of excluded nodes handed to its searches must not change while it is in use (it remembers
 * answers by the set, see {@link org.gantry.scheduler.policy.PassState#reservedAgainst}).
 */
public final class CapacityIndex {
    private static final int BUCKETS = GpuSet.MAX_INDEX + 2;

    private final List<NodeView> nodes;
    private final long[] free;
    private final NodePositions positions;
    private final Map<PoolId, PoolBuckets> pools = new HashMap<>();
    private long totalFree;
    /**
     * The last searches' answers, until a GPU is taken or freed: a pass asks the same of the ~1,000
     * jobs it tries behind a gang's reservation, and each search scans every bucket's words.
     */
    private Query noFit;
    private int noFitFrom;
    private Query widest;
    private int widestFree;

    /** What a search was asked, the excluded nodes by identity (callers share read-only sets, see PassState). */
    private record Query(PoolId pool, PlacementConstraints constraints, BitSet excluded) {
        boolean asks(PoolId pool, PlacementConstraints constraints, BitSet excluded) {
            return this.excluded == excluded && this.pool.equals(pool) && this.constraints.equals(constraints);
        }
    }

    /** One pool's schedulable nodes by free-GPU count, and its totals. */
    private static final class PoolBuckets {
        final BitSet[] byFree = new BitSet[BUCKETS];
        int capacity;
        int free;
        int largestNode;

        PoolBuckets() {
            for (int i = 0; i < BUCKETS; i++) {
                byFree[i] = new BitSet();
            }
        }
    }

    public CapacityIndex(List<NodeView> nodes) {
        this.nodes = nodes;
        this.free = new long[nodes.size()];
        this.positions = NodePositions.forNodes(nodes);
        // The previous node's pool: a pool's nodes mostly come one after another, so one lookup per run of them.
        PoolId poolId = null;
        PoolBuckets pool = null;
        for (int i = 0; i < nodes.size(); i++) {
            NodeView node = nodes.get(i);
            free[i] = node.free().bits();
            if (!node.schedulable()) {
                continue; // nothing new lands on it, so it is not indexed and its GPUs count as no one's capacity
            }
            if (!node.pool().equals(poolId)) {
                poolId = node.pool();
                pool = pools.computeIfAbsent(poolId, p -> new PoolBuckets());
            }
            int freeCount = node.free().size();
            pool.byFree[freeCount].set(i);
            pool.capacity += node.capacity();
            pool.free += freeCount;
            pool.largestNode = Math.max(pool.largestNode, node.capacity());
            totalFree += freeCount;
        }
    }

    /** How many nodes the snapshot lists (positions run from 0 to this, exclusive). */
    public int nodeCount() {
        return nodes.size();
    }

    public NodeView node(int index) {
        return nodes.get(index);
    }

    /** The node's position in the snapshot, or -1 when the snapshot does not know it. */
    public int indexOf(NodeId node) {
        return positions.of(node);
    }

    /** Free GPUs on the node; on an unschedulable node these are free but offered to nobody. */
    public GpuSet freeOn(int index) {
        return new GpuSet(free[index]);
    }

    /** How many GPUs are free on the node: {@link #freeOn}'s size, without making the set (searches ask per node). */
    public int freeCountOn(int index) {
        return Long.bitCount(free[index]);
    }

    public long totalFree() {
        return totalFree;
    }

    public int freeIn(PoolId pool) {
        PoolBuckets buckets = pools.get(pool);
        return buckets == null ? 0 : buckets.free;
    }

    /** Healthy GPUs on the pool's schedulable nodes. */
    public int capacityOf(PoolId pool) {
        PoolBuckets buckets = pools.get(pool);
        return buckets == null ? 0 : buckets.capacity;
    }

    public Iterable<PoolId> pools() {
        return pools.keySet();
    }

    /** GPUs on the largest schedulable node of the pool matching the constraints; 0 when none matches. */
    public int largestMatchingNode(PoolId pool, PlacementConstraints constraints) {
        PoolBuckets buckets = pools.get(pool);
        if (buckets == null) {
            return 0;
        }
        if (constraints.isEmpty()) {
            return buckets.largestNode;
        }
        int largest = 0;
        for (BitSet bucket : buckets.byFree) {
            for (int i = bucket.nextSetBit(0); i >= 0; i = bucket.nextSetBit(i + 1)) {
                if (NodeFilter.matches(constraints, nodes.get(i))) {
                    largest = Math.max(largest, nodes.get(i).capacity());
                }
            }
        }
        return largest;
    }

    /**
     * The matching node with the fewest free GPUs that still has {@code gpus} free (best fit, which
     * keeps whole nodes whole for gangs), skipping {@code excluded}; -1 when none has room.
     */
    public int tightestFit(PoolId pool, PlacementConstraints constraints, int gpus, BitSet excluded) {
        PoolBuckets buckets = pools.get(pool);
        if (buckets == null || gpus > buckets.largestNode) {
            return -1;
        }
        if (noFit != null && gpus >= noFitFrom && noFit.asks(pool, constraints, excluded)) {
            return -1; // no node had room for fewer, and nothing changed since
        }
        for (int freeCount = gpus; freeCount < BUCKETS; freeCount++) {
            BitSet bucket = buckets.byFree[freeCount];
            for (int i = bucket.nextSetBit(0); i >= 0; i = bucket.nextSetBit(i + 1)) {
                if ((excluded == null || !excluded.get(i)) && NodeFilter.matches(constraints, nodes.get(i))) {
                    return i;
                }
            }
        }
        noFit = new Query(pool, constraints, excluded);
        noFitFrom = gpus;
        return -1;
    }

    /** The most free GPUs on one matching node outside {@code excluded}: the widest a job can start on one node now. */
    public int mostFreeOnOneNode(PoolId pool, PlacementConstraints constraints, BitSet excluded) {
        PoolBuckets buckets = pools.get(pool);
        if (buckets == null) {
            return 0;
        }
        if (widest == null || !widest.asks(pool, constraints, excluded)) {
            widest = new Query(pool, constraints, excluded);
            widestFree = mostFreeOnOneNode(buckets, constraints, excluded);
        }
        return widestFree;
    }

    private int mostFreeOnOneNode(PoolBuckets buckets, PlacementConstraints constraints, BitSet excluded) {
        for (int freeCount = BUCKETS - 1; freeCount > 0; freeCount--) {
            BitSet bucket = buckets.byFree[freeCount];
            for (int i = bucket.nextSetBit(0); i >= 0; i = bucket.nextSetBit(i + 1)) {
                if ((excluded == null || !excluded.get(i)) && NodeFilter.matches(constraints, nodes.get(i))) {
                    return freeCount;
                }
            }
        }
        return 0;
    }

    /** Healthy GPUs on the pool's schedulable nodes that match the constraints: the most a gang could ever get. */
    public int matchingCapacity(PoolId pool, PlacementConstraints constraints) {
        PoolBuckets buckets = pools.get(pool);
        if (buckets == null) {
            return 0;
        }
        if (constraints.isEmpty()) {
            return buckets.capacity;
        }
        int total = 0;
        for (BitSet bucket : buckets.byFree) {
            for (int i = bucket.nextSetBit(0); i >= 0; i = bucket.nextSetBit(i + 1)) {
                if (NodeFilter.matches(constraints, nodes.get(i))) {
                    total += nodes.get(i).capacity();
                }
            }
        }
        return total;
    }

    /**
     * Matching nodes with every GPU free, largest first, until they hold {@code gpus} (all of them
     * when they hold fewer): the fewest whole nodes for a gang too big for one node.
     */
    public int[] wholeNodes(PoolId pool, PlacementConstraints constraints, int gpus, BitSet excluded) {
        PoolBuckets buckets = pools.get(pool);
        if (buckets == null) {
            return new int[0];
        }
        var chosen = IntStream.builder();
        long gathered = 0;
        for (int freeCount = BUCKETS - 1; freeCount > 0 && gathered < gpus; freeCount--) {
            BitSet bucket = buckets.byFree[freeCount];
            for (int i = bucket.nextSetBit(0); i >= 0 && gathered < gpus; i = bucket.nextSetBit(i + 1)) {
                NodeView node = nodes.get(i);
                boolean whole = node.capacity() == freeCount;
                if (whole && (excluded == null || !excluded.get(i)) && NodeFilter.matches(constraints, node)) {
                    chosen.add(i);
                    gathered += freeCount;
                }
            }
        }
        return chosen.build().toArray();
    }

    public void allocate(int index, GpuSet gpus) {
        GpuSet before = freeOn(index);
        if (!before.containsAll(gpus)) {
            throw new IllegalStateException("GPUs " + gpus + " on " + nodes.get(index).id() + " are not free (free: "
                    + before + ")");
        }
        move(index, before, before.minus(gpus));
    }

    private void move(int index, GpuSet before, GpuSet after) {
        free[index] = after.bits();
        noFit = null;
        widest = null;
        if (!nodes.get(index).schedulable()) {
            return;
        }
        PoolBuckets buckets = pools.get(nodes.get(index).pool());
        buckets.byFree[before.size()].clear(index);
        buckets.byFree[after.size()].set(index);
        int delta = after.size() - before.size();
        buckets.free += delta;
        totalFree += delta;
    }
}
