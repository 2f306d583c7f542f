package org.gantry.scheduler.policy;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.quota.Admission;
import org.gantry.scheduler.policy.place.CapacityIndex;
import org.gantry.scheduler.policy.place.NodeFilter;

/**
 * One pass of a {@link Pipeline}: walks the queue in order (twice, see {@link #run}) and, for each job, admits it against
 * quota, filters and scores nodes, and places it; a job that finds no room may get room made
 * (shrink, reclaim) or hold the jobs behind it back (reserve); elastic jobs grow at the end.
 * The walk stops as soon as no later job could start, so a pass over a full cluster with a long
 * queue costs little more than the jobs it places.
 */
final class SchedulingPass {
    private final Pipeline pipeline;
    private final PassState state;
    private final CapacityIndex capacity;
    private StartableTenants startable;

    SchedulingPass(Pipeline pipeline, Snapshot snapshot) {
        this.pipeline = pipeline;
        this.state = new PassState(snapshot, pipeline.fairShare(), pipeline.order());
        this.capacity = state.capacity();
    }

    /**
     * Two walks over the queue. The first starts only work within its tenants' guarantees and
     * sets aside jobs that would borrow; the second offers what is still idle to those. So
     * borrowing never takes a GPU that guaranteed work could have used in this pass (it takes
     * what guarantees leave idle, and is reclaimed when a guarantee needs it later), and idle
     * GPUs are not held back for guaranteed jobs that cannot use them anyway. With fair sharing,
     * a third walk hands GPUs still idle to borrowers held at their share, so none sit idle.
     */
    Plan run() {
        Explanation notReached = walk(true);
        widenNewElasticJobs(true);
        if (notReached == null || !state.everyPoolClosed()) {
            notReached = walk(false);
        }
        if (state.quota().fairShareApplies() && capacity.totalFree() > 0 && !state.everyPoolClosed()) {
            state.quota().liftFairShare();
            state.forgetFairShareRefusals();
            notReached = walk(false);
        }
        widenNewElasticJobs(false);
        pipeline.grower().grow(state);
        return state.toPlan(notReached != null ? notReached
                : Explanation.of(PendingReason.NOT_REACHED, "not examined in this pass"));
    }

    /**
     * One walk; returns why the jobs after its stopping point wait, or null when it reached the end.
     * Jobs of tenants that can start nothing more are skipped once they come in a run (see
     * {@link QueueCursor}); the walk's verdicts say why they wait, and later walks leave them alone.
     */
    private Explanation walk(boolean guaranteedOnly) {
        startable = new StartableTenants(state.snapshot().queue());
        var jobs = new QueueCursor(state.snapshot().queue(), pipeline.order());
        try {
            while (jobs.hasNext()) {
                if (nothingElseCanStart()) {
                    return whyTheRestWaits();
                }
                PendingJob job = jobs.next();
                TenantVerdicts.Decision decided = state.verdicts().decisionFor(job);
                if (decided != null) {
                    startable.decidedEarlier(job, decided);
                } else if (!state.isHandled(job.id())) {
                    consider(job, guaranteedOnly);
                }
                jobs.tenantDone(startable.fullyStuck(job.owner()), startable);
            }
            return null;
        } finally {
            state.verdicts().add(startable.decisions());
        }
    }

    /** One explanation for every job the walk did not reach, by why it stopped. */
    private Explanation whyTheRestWaits() {
        if (state.everyPoolClosed()) {
            var pools = capacity.pools().iterator();
            PoolId only = pools.next();
            if (!pools.hasNext()) {
                return state.whyClosed(only);
            }
            return Explanation.of(PendingReason.HEAD_OF_LINE, "every pool holds its later jobs back in this pass "
                    + "(behind a job that cannot start yet, or past the backfill search limit)");
        }
        if (startable.noneLeft()) {
            return Explanation.of(PendingReason.NOT_REACHED, "the pass stopped before reaching it: every tenant "
                    + "with waiting jobs is held back by quota or finds no room for its smallest job");
        }
        // True of every job past the stopping point, the first in the queue included: no "jobs ahead of it".
        return Explanation.of(PendingReason.NOT_REACHED, "the pass stopped before reaching it: no GPU is free that "
                + "a waiting job could use (" + capacity.totalFree() + " free), and no room could be made by "
                + "preempting or shrinking running jobs; it waits for running jobs to end");
    }

    /** Every tenant is done, every pool is closed (no room is made in a closed pool), or the cluster is full for good. */
    private boolean nothingElseCanStart() {
        return startable.noneLeft() || state.everyPoolClosed()
                || capacity.totalFree() == 0 && !pipeline.roomMaker().canAct(state);
    }

    private void consider(PendingJob job, boolean guaranteedOnly) {
        Explanation never = state.neverFits().check(job);
        if (never != null) {
            state.explain(job, stuck(job, never, null, true)); // whatever else holds it back, waiting will not help
            return;
        }
        Explanation blocked = state.whyClosed(job.owner().pool());
        if (blocked == null) {
            blocked = startable.knownStuck(job);
            if (blocked == StartableTenants.SET_ASIDE) {
                return; // its tenant borrows from this size up: the second walk decides
            }
        }
        if (blocked != null) {
            state.explain(job, blocked);
            return;
        }
        Explanation stuck = tryToStart(job, guaranteedOnly);
        if (stuck != null) {
            state.explain(job, stuck);
        }
    }

    /** Place the job, or make room for it; otherwise why it waits (null also when set aside for the second walk). */
    private Explanation tryToStart(PendingJob job, boolean guaranteedOnly) {
        PoolId pool = job.owner().pool();
        int largestNode = capacity.largestMatchingNode(pool, job.constraints());
        int matching = capacity.matchingCapacity(pool, job.constraints());
        if (largestNode == 0 || job.gpus().min() > matching) {
            return stuck(job, Explanation.of(PendingReason.NO_MATCHING_NODE, unmatched(job, matching)),
                    new WaitFacts.Unmatched(matching), true);
        }
        BitSet reserved = state.reservedAgainst(pool, state.now() + job.estimatedSeconds());
        int size = size(job, largestNode, reserved);
        Admission admission = state.quota().admit(job.owner(), size, job.preemptible());
        // An elastic job that quota refuses (or, in the first walk, would make borrow) at its widest
        // may still start at its minimum.
        if (!acceptable(admission, guaranteedOnly) && size > job.gpus().min()) {
            size = job.gpus().min();
            admission = state.quota().admit(job.owner(), size, job.preemptible());
        }
        if (guaranteedOnly && admission instanceof Admission.Borrowing) {
            startable.setAside(job);
            return null;
        }
        if (admission instanceof Admission.Refused refused) {
            // A non-preemptible job refused for borrowing says nothing about its tenant's preemptible jobs.
            PendingReason reason = refused.refusal() == Admission.Refusal.ABOVE_FAIR_SHARE
                    ? PendingReason.FAIR_SHARE : PendingReason.QUOTA;
            var facts = new WaitFacts.Quota(state.quota().quota(job.owner()), state.quota().used(job.owner()),
                    capacity.freeIn(pool), state.quota().fairShareOf(job.owner()));
            return stuck(job, Explanation.of(reason, refused::message), facts,
                    refused.refusal() != Admission.Refusal.NOT_PREEMPTIBLE);
        }
        Map<NodeId, GpuSet> allocation = find(job, size, largestNode, reserved);
        if (allocation != null) {
            state.place(job, allocation, admission instanceof Admission.Borrowing);
            return null;
        }
        state.markWaitingForCapacity(pool);
        boolean withinGuarantee = admission instanceof Admission.Guaranteed;
        if (pipeline.roomMaker().makeRoom(job, size, withinGuarantee, state)) {
            return null; // the room maker explained the wait
        }
        Explanation noRoom = pipeline.blocking().onNoRoom(job, size, state);
        var facts = new WaitFacts.Room(largestNode, capacity.mostFreeOnOneNode(pool, job.constraints(), null),
                capacity.freeIn(pool));
        return stuck(job, noRoom, facts, true);
    }

    /** The words for a job wider than the schedulable nodes of its pool that match it ({@code matching} GPUs). */
    static String unmatched(PendingJob job, int matching) {
        return "needs " + job.gpus().min() + " GPUs; the schedulable nodes of pool " + job.owner().pool()
                + NodeFilter.describe(job.constraints()) + " have " + matching + " in all";
    }

    private static boolean acceptable(Admission admission, boolean guaranteedOnly) {
        return guaranteedOnly ? admission instanceof Admission.Guaranteed : admission.admitted();
    }

    private Explanation stuck(PendingJob job, Explanation why, WaitFacts facts, boolean growsWithSize) {
        startable.couldNotStart(job, why, facts, growsWithSize);
        return why;
    }

    /**
     * Elastic jobs placed by this pass may have started narrower than they could: they take idle
     * GPUs left on their node, so they start wide instead of waiting to grow. After the first walk
     * only within their guarantee; after the second, also as borrowed work.
     */
    private void widenNewElasticJobs(boolean withinGuarantee) {
        for (PendingJob job : List.copyOf(state.placedJobs())) {
            if (!job.gpus().isElastic()) {
                continue; // before the placement lookup, which scans this pass's placements
            }
            Placement placement = state.placement(job.id());
            if (placement.allocation().size() != 1
                    || placement.gpuCount() >= job.gpus().max()) {
                continue;
            }
            NodeId node = placement.allocation().keySet().iterator().next();
            int index = capacity.indexOf(node);
            BitSet reserved = state.reservedAgainst(job.owner().pool(), state.now() + job.estimatedSeconds());
            if (reserved != null && reserved.get(index)) {
                continue;
            }
            GpuSet free = capacity.freeOn(index);
            for (int extra = Math.min(job.gpus().max() - placement.gpuCount(), free.size()); extra > 0; extra--) {
                Admission admission = state.quota().admit(job.owner(), extra, job.preemptible());
                if (acceptable(admission, withinGuarantee)) {
                    state.widen(job, node, free.lowest(extra));
                    break;
                }
            }
        }
    }

    /** An elastic job starts as wide as one node allows, within its range; a fixed job at its size. */
    private int size(PendingJob job, int largestNode, BitSet reserved) {
        if (!job.gpus().isElastic() || job.gpus().min() > largestNode) {
            return job.gpus().min(); // fixed, or a gang of whole nodes even at its minimum
        }
        int widest = capacity.mostFreeOnOneNode(job.owner().pool(), job.constraints(), reserved);
        return Math.max(job.gpus().min(), Math.min(job.gpus().max(), widest));
    }

    /**
     * Stage 4, score: best fit on one node when the job fits on one; otherwise the fewest whole
     * nodes, the last one partly used. Null when there is no room now.
     */
    private Map<NodeId, GpuSet> find(PendingJob job, int gpus, int largestNode, BitSet reserved) {
        PoolId pool = job.owner().pool();
        if (gpus <= largestNode) {
            int node = capacity.tightestFit(pool, job.constraints(), gpus, reserved);
            return node < 0 ? null : Map.of(capacity.node(node).id(), capacity.freeOn(node).lowest(gpus));
        }
        int[] nodes = capacity.wholeNodes(pool, job.constraints(), gpus, reserved);
        var allocation = new HashMap<NodeId, GpuSet>();
        int left = gpus;
        for (int node : nodes) {
            int take = Math.min(left, capacity.freeOn(node).size());
            allocation.put(capacity.node(node).id(), capacity.freeOn(node).lowest(take));
            left -= take;
        }
        return left == 0 ? allocation : null;
    }
}
