package org.gantry.scheduler.policy.reserve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Reservation;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.place.CapacityIndex;
import org.gantry.scheduler.policy.place.NodeFilter;

/**
 * When could a job that does not fit now start, and on which nodes? Running jobs are walked in
 * order of estimated end, adding the GPUs each gives back to its nodes, until some matching node
 * (or, for a gang, enough whole matching nodes) would have room. Nodes already reserved for
 * another job are left out. The walk stops at the first fit, so a narrow job costs a few steps.
 */
public final class EarliestStart {
    private EarliestStart() {}

    public static Optional<Reservation> find(PendingJob job, int gpus, PassState state) {
        CapacityIndex capacity = state.capacity();
        PoolId pool = job.owner().pool();
        BitSet taken = state.reservedAgainst(pool, Long.MAX_VALUE);
        boolean gang = gpus > capacity.largestMatchingNode(pool, job.constraints());
        var projectedFree = new HashMap<Integer, Integer>();
        var wholeNodes = new BitSet();
        if (gang) {
            collectWholeNodes(job, capacity, pool, taken, wholeNodes);
        }
        Iterator<RunningJob> ending = byEnd(state.snapshot().running(), state.startedInPass());
        while (ending.hasNext()) {
            RunningJob running = ending.next();
            for (Map.Entry<NodeId, GpuSet> held : inNodeOrder(running, capacity)) {
                int index = capacity.indexOf(held.getKey());
                if (index < 0 || !eligible(job, capacity.node(index), pool) || (taken != null && taken.get(index))) {
                    continue;
                }
                int gain = held.getValue().size();
                int free = projectedFree.merge(index, capacity.freeCountOn(index) + gain,
                        (before, ignored) -> before + gain);
                if (!gang && free >= gpus) {
                    return Optional.of(reservation(job, state, running, single(index)));
                }
                if (gang && free >= capacity.node(index).capacity()) {
                    wholeNodes.set(index);
                }
            }
            if (gang && gpusIn(wholeNodes, capacity) >= gpus) {
                return Optional.of(reservation(job, state, running, wholeNodes));
            }
        }
        return Optional.empty();
    }

    /** A job's nodes in snapshot order: allocation maps have no stable order, and plans must not vary. */
    private static List<Map.Entry<NodeId, GpuSet>> inNodeOrder(RunningJob running, CapacityIndex capacity) {
        if (running.allocation().size() == 1) {
            return List.copyOf(running.allocation().entrySet());
        }
        var entries = new ArrayList<>(running.allocation().entrySet());
        entries.sort(Comparator.comparingInt(entry -> capacity.indexOf(entry.getKey())));
        return entries;
    }

    private static Reservation reservation(PendingJob job, PassState state, RunningJob freesLast, BitSet nodes) {
        return new Reservation(job.id(), Math.max(state.now(), freesLast.estimatedEnd()), nodes, false);
    }

    private static boolean eligible(PendingJob job, NodeView node, PoolId pool) {
        return node.schedulable() && node.pool().equals(pool) && NodeFilter.matches(job.constraints(), node);
    }

    private static void collectWholeNodes(PendingJob job, CapacityIndex capacity, PoolId pool, BitSet taken,
                                          BitSet into) {
        int[] whole = capacity.wholeNodes(pool, job.constraints(), Integer.MAX_VALUE, taken);
        for (int index : whole) {
            into.set(index);
        }
    }

    private static int gpusIn(BitSet nodes, CapacityIndex capacity) {
        int total = 0;
        for (int i = nodes.nextSetBit(0); i >= 0; i = nodes.nextSetBit(i + 1)) {
            total += capacity.node(i).capacity();
        }
        return total;
    }

    private static BitSet single(int index) {
        var nodes = new BitSet();
        nodes.set(index);
        return nodes;
    }

    /** The snapshot's running jobs (already by end) merged with the few this pass started. */
    private static Iterator<RunningJob> byEnd(Collection<RunningJob> running, List<RunningJob> startedInPass) {
        var started = new ArrayList<>(startedInPass);
        started.sort(Comparator.comparingLong(RunningJob::estimatedEnd));
        Iterator<RunningJob> before = running.iterator();
        return new Iterator<>() {
            RunningJob nextRunning = before.hasNext() ? before.next() : null;
            int b;

            @Override
            public boolean hasNext() {
                return nextRunning != null || b < started.size();
            }

            @Override
            public RunningJob next() {
                if (b >= started.size()
                        || (nextRunning != null && nextRunning.estimatedEnd() <= started.get(b).estimatedEnd())) {
                    RunningJob taken = nextRunning;
                    nextRunning = before.hasNext() ? before.next() : null;
                    return taken;
                }
                return started.get(b++);
            }
        };
    }
}
