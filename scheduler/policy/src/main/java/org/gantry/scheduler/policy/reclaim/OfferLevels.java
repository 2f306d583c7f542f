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
import org.gantry.api.job.JobId;
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
    /** Weeds out a job two sources both name; null when a single source names each once. */
    private final Set<JobId> revealed;
    private final List<Level> levels = new ArrayList<>();
    /** By node position: the offers revealed there, cheapest first (null until one is), and the most GPUs one frees. */
    private final List<Offer>[] offersByNode;
    private final int[] largestOnNode;

    /** Offers costing {@code cost}, on these nodes (each once). */
    record Level(long cost, int[] nodes) {}

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
        this.revealed = naming > 1 ? new HashSet<>() : null;
        @SuppressWarnings("unchecked")
        List<Offer>[] byNode = new List[capacity.nodeCount()];
        this.offersByNode = byNode;
        this.largestOnNode = new int[capacity.nodeCount()];
    }

    /** The i-th cheapest level, revealing it (and those before) first; null past the last one. */
    Level level(int i) {
        while (levels.size() <= i && heapSize > 0) {
            revealNext();
        }
        return i < levels.size() ? levels.get(i) : null;
    }

    /** The offers revealed on the node that cost at most {@code ceiling}, cheapest first (a view: do not keep it). */
    List<Offer> offersOn(int node, long ceiling) {
        List<Offer> onNode = offersByNode[node];
        int end = onNode.size();
        while (end > 0 && onNode.get(end - 1).cost() > ceiling) {
            end--;
        }
        return onNode.subList(0, end);
    }

    /** What the cheapest offer revealed on the node costs: a lower bound. */
    long cheapestOn(int node) {
        return offersByNode[node].get(0).cost();
    }

    /** The most GPUs one offer revealed on the node frees: an upper bound. */
    int largestOn(int node) {
        return largestOnNode[node];
    }

    /**
     * Reveals the victims of the cheapest cost left, in the order their sources named them, so a job
     * named twice is offered as its first source named it; those the rules could not take are
     * dropped here, once, rather than by every search that weighs their node. A level whose victims
     * hold no GPUs on the snapshot's nodes (or none the rules could take) is recorded all the same
     * (with no nodes).
     */
    private void revealNext() {
        long cost = costs[heap[0]];
        int[] nodes = new int[8];
        int touched = 0;
        while (heapSize > 0 && costs[heap[0]] == cost) {
            RunningJob victim = victims[pop()];
            if (revealed != null && !revealed.add(victim.id()) || !victimizable.test(victim)) {
                continue;
            }
            for (Map.Entry<NodeId, GpuSet> held : victim.allocation().entrySet()) {
                int index = capacity.indexOf(held.getKey());
                if (index < 0) {
                    continue;
                }
                List<Offer> onNode = offersByNode[index];
                if (onNode == null) {
                    onNode = new ArrayList<>(4);
                    offersByNode[index] = onNode;
                }
                if (onNode.isEmpty() || onNode.get(onNode.size() - 1).cost() != cost) {
                    if (touched == nodes.length) {
                        nodes = Arrays.copyOf(nodes, touched * 2);
                    }
                    nodes[touched++] = index;
                }
                onNode.add(new Offer(victim, false, index, held.getValue(), cost));
                largestOnNode[index] = Math.max(largestOnNode[index], held.getValue().size());
            }
        }
        levels.add(new Level(cost, Arrays.copyOf(nodes, touched)));
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
