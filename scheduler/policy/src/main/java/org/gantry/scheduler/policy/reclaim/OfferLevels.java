package org.gantry.scheduler.policy.reclaim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.gantry.api.cluster.NodeId;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.place.CapacityIndex;

/**
 * The offers of some rules' victims, revealed cheapest first, one level of equal cost at a time.
 * Working out a victim's cost reads only the job; finding its node and asking the rules about it
 * cost several times more, and a reclaiming pass names ~10,000 victims of which the search for
 * room wants the few cheapest. So every victim is costed up front, its node is found only for the
 * levels a search reaches (kept for the rest of the pass, for the next job that needs room), and
 * the rules are asked about it only when the search weighs its node. Jobs started at the same
 * moment cost alike, so one level may hold thousands of them.
 *
 * <p>For searches without shrinks or GPUs being released (see {@link ShrinkThenPreempt}).
 */
final class OfferLevels {
    /** Whether the rules could let anyone preempt the victim in this pass. */
    private final Predicate<RunningJob> victimizable;
    private final CapacityIndex capacity;
    /** Victims not yet revealed, as a binary min-heap of positions in {@code victims}, by (cost, position). */
    private final int[] heap;
    private int heapSize;
    private final RunningJob[] victims;
    private final long[] costs;
    /** Whether two sources name victims, so that one job may be named twice and must be weeded out. */
    private final boolean namedTwice;
    /**
     * The names of the jobs revealed, to weed out one named twice (made on the first reveal, sized
     * for every victim; by the id's name, which hashes without the record's method-handle dispatch).
     */
    private Set<String> revealed;
    private final List<Level> levels = new ArrayList<>();
    /**
     * By node position: the offers revealed there, cheapest first (null until one is); the table
     * itself is made on the first reveal, since most passes build levels that no search reaches.
     */
    private NodeOffers[] offersByNode;
    /** By victim position: whether the rules could take it, once asked (see {@link #takeable}). */
    private final byte[] takeable;

    /** Offers costing {@code cost}, on these nodes (each once, in ascending order). */
    record Level(long cost, int[] nodes) {}

    /** The offers revealed on one node, cheapest first, each with its victim's position, and the most GPUs one frees. */
    private static final class NodeOffers {
        Offer[] offers = new Offer[4];
        int[] victims = new int[4];
        /**
         * GPUs the first {@code i + 1} offers free that the rules could take, for the first
         * {@code summed} offers (speed: a search asks this of a node at every level it reaches).
         */
        int[] takeableGpus = new int[4];
        int summed;
        int size;
        int largest;

        void add(Offer offer, int victim) {
            if (size == offers.length) {
                offers = Arrays.copyOf(offers, size * 2);
                victims = Arrays.copyOf(victims, size * 2);
                takeableGpus = Arrays.copyOf(takeableGpus, size * 2);
            }
            offers[size] = offer;
            victims[size++] = victim;
            largest = Math.max(largest, offer.gpus().size());
        }

        long lastCost() {
            return offers[size - 1].cost();
        }

        /** How many offers cost at most {@code ceiling}: they come cheapest first. */
        int countAtMost(long ceiling) {
            int low = 0;
            int high = size;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (offers[middle].cost() <= ceiling) {
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
        this.heap = new int[victims.length];
        for (int i = 0; i < victims.length; i++) {
            costs[i] = cost.applyAsLong(victims[i]);
            heap[i] = i;
        }
        this.heapSize = victims.length;
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
        this.namedTwice = naming > 1;
        this.takeable = new byte[victims.length];
    }

    /** The i-th cheapest level, revealing it (and those before) first; null past the last one. */
    Level level(int i) {
        while (levels.size() <= i && heapSize > 0) {
            revealNext();
        }
        return i < levels.size() ? levels.get(i) : null;
    }

    /** The offers revealed on the node that cost at most {@code ceiling} and the rules could take, cheapest first. */
    List<Offer> offersOn(int node, long ceiling) {
        NodeOffers on = offersByNode[node];
        var offers = new ArrayList<Offer>(on.size);
        for (int i = 0; i < on.size && on.offers[i].cost() <= ceiling; i++) {
            if (takeable(on.victims[i])) {
                offers.add(on.offers[i]);
            }
        }
        return offers;
    }

    /**
     * GPUs the offers of {@link #offersOn} free together, without listing them: when fewer than a
     * job misses, no room can be made for it on the node from the offers revealed so far.
     */
    int gpusOfferedOn(int node, long ceiling) {
        NodeOffers on = offersByNode[node];
        int count = on.countAtMost(ceiling);
        for (int i = on.summed; i < count; i++, on.summed++) {
            int before = i == 0 ? 0 : on.takeableGpus[i - 1];
            on.takeableGpus[i] = before + (takeable(on.victims[i]) ? on.offers[i].gpus().size() : 0);
        }
        return count == 0 ? 0 : on.takeableGpus[count - 1];
    }

    /** What the cheapest offer revealed on the node costs, whether the rules could take it or not: a lower bound. */
    long cheapestOn(int node) {
        return offersByNode[node].offers[0].cost();
    }

    /** The most GPUs one offer revealed on the node frees, whether the rules could take it or not: an upper bound. */
    int largestOn(int node) {
        return offersByNode[node].largest;
    }

    /** Whether the rules could take the victim at this position, asked once: a victim has offers on several nodes. */
    private boolean takeable(int victim) {
        if (takeable[victim] == UNASKED) {
            takeable[victim] = victimizable.test(victims[victim]) ? TAKEABLE : SPARED;
        }
        return takeable[victim] == TAKEABLE;
    }

    /**
     * Reveals the victims of the cheapest cost left, in the order their sources named them, so a job
     * named twice is offered as its first source named it. A level whose victims hold no GPUs on
     * the snapshot's nodes is recorded all the same (with no nodes).
     */
    private void revealNext() {
        long cost = costs[heap[0]];
        if (offersByNode == null) {
            offersByNode = new NodeOffers[capacity.nodeCount()];
            revealed = namedTwice ? new HashSet<>(victims.length * 4 / 3 + 1) : null;
        }
        int[] nodes = new int[8];
        int touched = 0;
        while (heapSize > 0 && costs[heap[0]] == cost) {
            int position = pop();
            RunningJob victim = victims[position];
            if (revealed != null && !revealed.add(victim.id().value())) {
                continue;
            }
            for (Map.Entry<NodeId, GpuSet> held : victim.allocation().entrySet()) {
                int index = capacity.indexOf(held.getKey());
                if (index < 0) {
                    continue;
                }
                NodeOffers onNode = offersByNode[index];
                if (onNode == null) {
                    onNode = new NodeOffers();
                    offersByNode[index] = onNode;
                }
                if (onNode.size == 0 || onNode.lastCost() != cost) {
                    if (touched == nodes.length) {
                        nodes = Arrays.copyOf(nodes, touched * 2);
                    }
                    nodes[touched++] = index;
                }
                onNode.add(new Offer(victim, false, index, held.getValue(), cost), position);
            }
        }
        // In node order, so that of solutions alike the search meets the one that wins the tie
        // (the lowest node) first, and passes over the rest of the level without weighing them.
        int[] levelNodes = Arrays.copyOf(nodes, touched);
        Arrays.sort(levelNodes);
        levels.add(new Level(cost, levelNodes));
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
        return costs[a] != costs[b] ? costs[a] < costs[b] : a < b;
    }
}
