package org.gantry.scheduler.policy.reclaim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.place.CapacityIndex;

/**
 * The offers of some rules' victims, revealed cheapest first, one level of equal cost at a time,
 * and within a level node by node as searches walk it. A reclaiming pass names ~10,000 victims,
 * and jobs started at the same moment cost alike, so one level may hold thousands of them, of
 * which a search for room mostly weighs a few nodes' (a job of one GPU stops at the first node
 * that frees one). So each victim is read once up front, for its cost and its first node; its
 * offer is revealed when a search walks to that node, and the rules are asked about it only when
 * a search weighs its node. What is revealed stays for the rest of the pass, for the next job
 * that needs room, and an offer is made an object only for the nodes weighed.
 *
 * <p>For searches without shrinks or GPUs being released (see {@link ShrinkThenPreempt}).
 */
final class OfferLevels {
    /** Whether the rules could let anyone preempt the victim in this pass. */
    private final Predicate<RunningJob> victimizable;
    private final CapacityIndex capacity;
    /** Victims not yet revealed, as a binary min-heap of positions in {@code victims}, by (cost, first node, position). */
    private final int[] heap;
    private int heapSize;
    private final RunningJob[] victims;
    private final long[] costs;
    /**
     * By victim position: the lowest position of a node it holds GPUs on ({@link Integer#MAX_VALUE}
     * for none here). Every offer on a node comes from a victim whose first node is at most that
     * one, so a level is known up to a node once those victims are revealed.
     */
    private final int[] firstNodes;
    /** By victim position: its GPUs when it holds them on one node only (most jobs), read with its first node; else null. */
    private final GpuSet[] soleGpus;
    /** Whether two sources name victims, so that one job may be named twice and must be weeded out. */
    private final boolean namedTwice;
    /** The ids of the victims on several nodes revealed, to weed out one named twice (made when first needed). */
    private Set<JobId> gangsRevealed;
    private final List<Level> levels = new ArrayList<>();
    /**
     * By node position: the offers revealed there, cheapest first (null until one is); the table
     * itself is made on the first reveal, since most passes build levels that no search reaches.
     */
    private NodeOffers[] offersByNode;
    /** By victim position: whether the rules could take it, once asked (see {@link #takeable}). */
    private final byte[] takeable;
    /** The search for room now walking the levels, counted from 1 (see {@link #startSearch}). */
    private int search;

    /**
     * Offers costing {@code cost}. Only the last level may be revealed in part: its nodes come in
     * ascending order through {@link #nextNode}, each with all of the level's offers on it.
     */
    static final class Level {
        private final long cost;
        /** The nodes with an offer of this cost revealed so far. */
        private final BitSet nodes = new BitSet();
        /** Whether every victim of this cost is revealed. */
        private boolean complete;

        private Level(long cost) {
            this.cost = cost;
        }

        long cost() {
            return cost;
        }
    }

    /**
     * The offers revealed on one node, cheapest first, as their victims' positions, costs and GPUs,
     * and sums over them (a search asks these of a node at every level it reaches).
     */
    private static final class NodeOffers {
        int[] victims = new int[4];
        long[] costs = new long[4];
        GpuSet[] gpus = new GpuSet[4];
        /** GPUs the first {@code i + 1} offers free, whether the rules could take them or not. */
        int[] gpusUpTo = new int[4];
        /** The most GPUs one of the first {@code i + 1} offers frees. */
        int[] largestUpTo = new int[4];
        /** GPUs the first {@code i + 1} offers free that the rules could take, for the first {@code summed} offers. */
        int[] takeableGpus = new int[4];
        int summed;
        int size;
        /** The search that the fields below answer for (see {@link #startSearch}). */
        int searchedBy;
        /** How many of the first offers that search asked about. */
        int asked;
        /** For the first {@code asked} offers: whether the search's job may take it. */
        boolean[] allowed = new boolean[4];
        /** GPUs the first {@code i + 1} offers free that the search's job may take, for the first {@code asked}. */
        int[] allowedGpus = new int[4];

        void add(int victim, long cost, GpuSet held) {
            if (size == victims.length) {
                victims = Arrays.copyOf(victims, size * 2);
                costs = Arrays.copyOf(costs, size * 2);
                gpus = Arrays.copyOf(gpus, size * 2);
                gpusUpTo = Arrays.copyOf(gpusUpTo, size * 2);
                largestUpTo = Arrays.copyOf(largestUpTo, size * 2);
                takeableGpus = Arrays.copyOf(takeableGpus, size * 2);
                allowed = Arrays.copyOf(allowed, size * 2);
                allowedGpus = Arrays.copyOf(allowedGpus, size * 2);
            }
            int count = held.size();
            gpusUpTo[size] = (size == 0 ? 0 : gpusUpTo[size - 1]) + count;
            largestUpTo[size] = Math.max(size == 0 ? 0 : largestUpTo[size - 1], count);
            victims[size] = victim;
            costs[size] = cost;
            gpus[size++] = held;
        }

        /** How many offers cost at most {@code ceiling}: they come cheapest first. */
        int countAtMost(long ceiling) {
            int low = 0;
            int high = size;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (costs[middle] <= ceiling) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }

    private static final byte UNASKED = 0;
    private static final byte TAKEABLE = 1;
    private static final byte SPARED = 2;

    /**
     * @param sources  each names a victim at most once; together they may name one twice
     * @param eligible whether a victim may be offered at all (running long enough, not suspending)
     * @param cost     GPU-seconds (and reluctance) it would cost to preempt a victim, never negative
     * @param victimizable whether the rules could let anyone preempt a victim in this pass (a fact of
     *                 the pass, so it may be asked late); a victim they could not is offered to nobody
     */
    OfferLevels(List<Iterable<RunningJob>> sources, Predicate<RunningJob> eligible, ToLongFunction<RunningJob> cost,
                Predicate<RunningJob> victimizable, CapacityIndex capacity) {
        this.victimizable = victimizable;
        this.capacity = capacity;
        var named = new ArrayList<RunningJob>();
        int naming = 0;
        for (Iterable<RunningJob> source : sources) {
            int before = named.size();
            for (RunningJob victim : source) {
                if (eligible.test(victim)) {
                    named.add(victim);
                }
            }
            naming += named.size() > before ? 1 : 0;
        }
        this.victims = named.toArray(new RunningJob[0]);
        this.costs = new long[victims.length];
        this.firstNodes = new int[victims.length];
        this.soleGpus = new GpuSet[victims.length];
        this.heap = new int[victims.length];
        for (int i = 0; i < victims.length; i++) {
            costs[i] = cost.applyAsLong(victims[i]);
            firstNodes[i] = Integer.MAX_VALUE;
            // One walk over the allocation: its map makes its entries anew each time it is read.
            for (Map.Entry<NodeId, GpuSet> held : victims[i].allocation().entrySet()) {
                int node = capacity.indexOf(held.getKey());
                if (node >= 0 && node < firstNodes[i]) {
                    firstNodes[i] = node;
                    soleGpus[i] = victims[i].allocation().size() == 1 ? held.getValue() : null;
                }
            }
            heap[i] = i;
        }
        this.heapSize = victims.length;
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
        this.namedTwice = naming > 1;
        this.takeable = new byte[victims.length];
    }

    /** The i-th cheapest level, those before it revealed in full first; null past the last one. */
    Level level(int i) {
        while (levels.size() <= i) {
            if (!levels.isEmpty()) {
                complete(levels.get(levels.size() - 1));
            }
            if (heapSize == 0) {
                return null;
            }
            if (offersByNode == null) {
                offersByNode = new NodeOffers[capacity.nodeCount()];
            }
            levels.add(new Level(costs[heap[0]]));
        }
        return levels.get(i);
    }

    /**
     * The level's next node after {@code after} (-1 for its first), in ascending order, with every
     * offer of the level on it revealed; -1 past its last. Reveals only the victims whose first
     * node comes no later than the node returned: a search that stops early never pays for the rest.
     */
    int nextNode(Level level, int after) {
        while (true) {
            int next = level.nodes.nextSetBit(after + 1);
            if (level.complete) {
                return next;
            }
            if (heapSize == 0 || costs[heap[0]] != level.cost) {
                level.complete = true;
            } else if (next >= 0 && firstNodes[heap[0]] > next) {
                return next; // no victim left at this cost holds GPUs on it
            } else {
                revealFrom(level, firstNodes[heap[0]]);
            }
        }
    }

    /**
     * A search for another job begins: which offers its job may take are asked anew, once per
     * offer for the whole search, though a node is weighed again at every level that adds to it.
     */
    void startSearch() {
        search++;
    }

    /**
     * Whether the offers on the node that cost at most {@code ceiling} free {@code missing} GPUs
     * together, were the rules to take every one they could: if not, no room can be made for the
     * job on the node from the offers so far. The rules are asked only about a node whose offers
     * would free enough were they all taken (most nodes of a level of one-GPU victims fail that
     * first, for a job of several GPUs).
     */
    boolean couldFree(int node, long ceiling, int missing) {
        NodeOffers on = offersByNode[node];
        int count = on.countAtMost(ceiling);
        if (count == 0 || on.gpusUpTo[count - 1] < missing) {
            return false;
        }
        return takeableGpus(on, count) >= missing;
    }

    /** Whether the rules could take any offer on the node that costs at most {@code ceiling}. */
    boolean anyTakeableOn(int node, long ceiling) {
        NodeOffers on = offersByNode[node];
        return takeableGpus(on, on.countAtMost(ceiling)) > 0;
    }

    /** How many offers on the node cost exactly {@code cost} that the rules could take: what weighing them at that level adds. */
    int takeableAt(int node, long cost) {
        NodeOffers on = offersByNode[node];
        int count = 0;
        for (int i = on.countAtMost(cost) - 1; i >= 0 && on.costs[i] == cost; i--) {
            count += takeable(on.victims[i]) ? 1 : 0;
        }
        return count;
    }

    /**
     * GPUs the offers on the node that cost at most {@code ceiling} free that the current search's
     * job may take: those the rules could take at all, and then {@code allowed} for this job.
     */
    int allowedGpusOn(int node, long ceiling, Predicate<RunningJob> allowed) {
        NodeOffers on = offersByNode[node];
        if (on.searchedBy != search) {
            on.searchedBy = search;
            on.asked = 0;
        }
        int count = on.countAtMost(ceiling);
        for (; on.asked < count; on.asked++) {
            int i = on.asked;
            int victim = on.victims[i];
            on.allowed[i] = takeable(victim) && allowed.test(victims[victim]);
            on.allowedGpus[i] = (i == 0 ? 0 : on.allowedGpus[i - 1]) + (on.allowed[i] ? on.gpus[i].size() : 0);
        }
        return count == 0 ? 0 : on.allowedGpus[count - 1];
    }

    /** The offers {@link #allowedGpusOn} counted last for the node, up to {@code ceiling}, cheapest first. */
    List<Offer> allowedOffersOn(int node, long ceiling) {
        NodeOffers on = offersByNode[node];
        var offers = new ArrayList<Offer>();
        for (int i = 0; i < on.asked && on.costs[i] <= ceiling; i++) {
            if (on.allowed[i]) {
                offers.add(new Offer(victims[on.victims[i]], false, node, on.gpus[i], on.costs[i]));
            }
        }
        return offers;
    }

    /** GPUs the first {@code count} offers free that the rules could take, summed as far as asked before. */
    private int takeableGpus(NodeOffers on, int count) {
        for (int i = on.summed; i < count; i++, on.summed++) {
            int before = i == 0 ? 0 : on.takeableGpus[i - 1];
            on.takeableGpus[i] = before + (takeable(on.victims[i]) ? on.gpus[i].size() : 0);
        }
        return count == 0 ? 0 : on.takeableGpus[count - 1];
    }

    /** What the cheapest offer revealed on the node costs, whether the rules could take it or not: a lower bound. */
    long cheapestOn(int node) {
        return offersByNode[node].costs[0];
    }

    /**
     * The most GPUs one offer revealed on the node that costs at most {@code ceiling} frees, whether
     * the rules could take it or not: an upper bound, whatever other searches revealed before.
     */
    int largestOn(int node, long ceiling) {
        NodeOffers on = offersByNode[node];
        return on.largestUpTo[on.countAtMost(ceiling) - 1];
    }

    /** Whether the rules could take the victim at this position, asked once: a victim has offers on several nodes. */
    private boolean takeable(int victim) {
        if (takeable[victim] == UNASKED) {
            takeable[victim] = victimizable.test(victims[victim]) ? TAKEABLE : SPARED;
        }
        return takeable[victim] == TAKEABLE;
    }

    /** Reveals the rest of the level. */
    private void complete(Level level) {
        while (!level.complete) {
            if (heapSize == 0 || costs[heap[0]] != level.cost) {
                level.complete = true;
            } else {
                revealFrom(level, firstNodes[heap[0]]);
            }
        }
    }

    /**
     * Reveals the level's victims whose first node is {@code first}, in the order their sources
     * named them, so a job named twice is offered as its first source named it. Victims holding no
     * GPUs on the snapshot's nodes come last, and leave no offers.
     */
    private void revealFrom(Level level, int first) {
        while (heapSize > 0 && costs[heap[0]] == level.cost && firstNodes[heap[0]] == first) {
            int position = pop();
            RunningJob victim = victims[position];
            if (first == Integer.MAX_VALUE || namedTwice && revealedBefore(position, first, level.cost)) {
                continue;
            }
            if (soleGpus[position] != null) {
                offer(first, position, soleGpus[position], level);
                continue;
            }
            for (Map.Entry<NodeId, GpuSet> held : victim.allocation().entrySet()) {
                int node = capacity.indexOf(held.getKey());
                if (node >= 0) {
                    offer(node, position, held.getValue(), level);
                }
            }
        }
    }

    /**
     * Whether a job named twice was revealed already: on its first node, among the offers of its
     * cost (a handful: the same job costs the same, whoever names it); a job on several nodes by id.
     */
    private boolean revealedBefore(int position, int first, long cost) {
        RunningJob victim = victims[position];
        if (soleGpus[position] == null) {
            if (gangsRevealed == null) {
                gangsRevealed = new HashSet<>();
            }
            return !gangsRevealed.add(victim.id());
        }
        NodeOffers on = offersByNode[first];
        for (int i = on == null ? -1 : on.size - 1; i >= 0 && on.costs[i] == cost; i--) {
            RunningJob offered = victims[on.victims[i]];
            if (offered == victim || offered.id().equals(victim.id())) {
                return true;
            }
        }
        return false;
    }

    private void offer(int node, int position, GpuSet gpus, Level level) {
        NodeOffers onNode = offersByNode[node];
        if (onNode == null) {
            onNode = new NodeOffers();
            offersByNode[node] = onNode;
        }
        onNode.add(position, level.cost, gpus);
        level.nodes.set(node);
    }

    private int pop() {
        int top = heap[0];
        heap[0] = heap[--heapSize];
        siftDown(0);
        return top;
    }

    private void siftDown(int at) {
        int moving = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], moving)) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = moving;
    }

    private boolean before(int a, int b) {
        if (costs[a] != costs[b]) {
            return costs[a] < costs[b];
        }
        return firstNodes[a] != firstNodes[b] ? firstNodes[a] < firstNodes[b] : a < b;
    }
}
