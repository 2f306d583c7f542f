package org.gantry.scheduler.policy.reclaim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.quota.QuotaMath;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.PendingReason;
import org.gantry.scheduler.policy.Reservation;
import org.gantry.scheduler.policy.RoomMaker;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.place.NodeFilter;

/**
 * Makes room on one node for a job that fits on one node, cheapest first: GPUs already being
 * released there cost nothing; shrinking elastic jobs toward their minimum comes next and is
 * always preferred to preempting anyone; preemption, when allowed, takes the victims that lose
 * the least work (GPU-seconds since their last checkpoint). Victims are limited to
 *
 * <ul>
 *   <li>borrowed work of other tenants, and only for a job within its tenant's guarantee, never
 *       more of a tenant than it borrows (its newest allocations are the borrowed ones);</li>
 *   <li>the same tenant's lower-priority jobs.</li>
 * </ul>
 *
 * <p>Nothing that started or resized less than {@code minRunSeconds} ago is touched, so jobs do
 * not thrash. Gangs spanning whole nodes are not made room for: they wait for their reservation.
 */
public final class ShrinkThenPreempt implements RoomMaker {
    private final boolean shrink;
    private final boolean preempt;
    private final long minRunSeconds;

    public ShrinkThenPreempt(boolean shrink, boolean preempt, long minRunSeconds) {
        this.shrink = shrink;
        this.preempt = preempt;
        this.minRunSeconds = minRunSeconds;
    }

    /** What this pass could take from running jobs, by node, worked out once per pass. */
    private record Candidates(TreeMap<Integer, List<Offer>> offersByNode, Map<Integer, Integer> releasing,
                              Set<JobId> borrowedJobs, Map<TenantPool, Integer> borrowedLeft,
                              int lowestVictimPriority) {}

    /** A way to make room on one node. */
    private record Solution(int node, int missing, List<Offer> offers, boolean shrinkOnly, long cost) {
        static final Comparator<Solution> BEST_FIRST = Comparator.comparing((Solution s) -> !s.shrinkOnly)
                .thenComparingLong(Solution::cost)
                .thenComparingInt(s -> s.offers.size())
                .thenComparingInt(Solution::node);
    }

    /**
     * Whether a later job could still get room: an elastic job can shrink, some tenant is owed GPUs
     * that others borrow, or a job outranks a preemptible one. Cheap, because the pass asks before
     * every job once the cluster is full.
     */
    @Override
    public boolean canAct(PassState state) {
        Candidates candidates = candidates(state);
        for (List<Offer> offers : candidates.offersByNode.values()) {
            for (Offer offer : offers) {
                if (offer.shrink() && !state.isDisturbed(offer.job().id())) {
                    return true;
                }
            }
        }
        if (!preempt) {
            return false;
        }
        boolean someoneOwed = candidates.borrowedLeft.entrySet().stream().anyMatch(
                borrowed -> borrowed.getValue() > 0 && state.quota().unmetGuarantees(borrowed.getKey().pool()) > 0);
        return someoneOwed || candidates.lowestVictimPriority < highestWaitingPriority(state);
    }

    private static int highestWaitingPriority(PassState state) {
        var first = state.snapshot().queue().iterator();
        return first.hasNext() ? first.next().priority() : Integer.MIN_VALUE;
    }

    @Override
    public boolean makeRoom(PendingJob job, int gpus, boolean withinGuarantee, PassState state) {
        var capacity = state.capacity();
        if (gpus > capacity.largestMatchingNode(job.owner().pool(), job.constraints())) {
            return false;
        }
        Candidates candidates = candidates(state);
        if (!canAct(state) && candidates.releasing.isEmpty()) {
            return false;
        }
        BitSet reserved = state.reservedAgainst(job.owner().pool(), Long.MAX_VALUE);
        var nodes = new TreeSet<>(candidates.offersByNode.keySet());
        nodes.addAll(candidates.releasing.keySet());
        Solution best = null;
        for (int node : nodes) {
            NodeView view = capacity.node(node);
            if (!view.schedulable() || !view.pool().equals(job.owner().pool())
                    || !NodeFilter.matches(job.constraints(), view) || (reserved != null && reserved.get(node))) {
                continue;
            }
            int have = capacity.freeOn(node).size() + candidates.releasing.getOrDefault(node, 0);
            List<Offer> eligible = candidates.offersByNode.getOrDefault(node, List.of()).stream()
                    .filter(offer -> usable(offer, job, withinGuarantee, state, candidates))
                    .toList();
            Solution solution = cheapest(node, gpus - have, eligible.stream().filter(Offer::shrink).toList(), true);
            if (solution == null) {
                solution = cheapest(node, gpus - have, eligible, false);
            }
            if (solution != null && (best == null || Solution.BEST_FIRST.compare(solution, best) < 0)) {
                best = solution;
            }
        }
        if (best == null) {
            return false;
        }
        apply(best, job, gpus, state, candidates);
        return true;
    }

    private boolean usable(Offer offer, PendingJob job, boolean withinGuarantee, PassState state, Candidates candidates) {
        RunningJob victim = offer.job();
        if (state.isDisturbed(victim.id())) {
            return false;
        }
        if (offer.shrink()) {
            return true;
        }
        boolean sameTenant = victim.owner().tenant().equals(job.owner().tenant());
        if (sameTenant) {
            return victim.priority() < job.priority();
        }
        return withinGuarantee && candidates.borrowedJobs.contains(victim.id())
                && candidates.borrowedLeft.getOrDefault(victim.owner(), 0) > 0;
    }

    /** The cheapest set of offers that frees {@code missing} GPUs, or null; none needed when nothing is missing. */
    private static Solution cheapest(int node, int missing, List<Offer> offers, boolean shrinkOnly) {
        if (missing <= 0) {
            return new Solution(node, 0, List.of(), true, 0);
        }
        var byCost = new ArrayList<>(offers);
        byCost.sort(Comparator.comparingLong(Offer::cost).thenComparing(offer -> offer.job().id()));
        var chosen = new ArrayList<Offer>();
        var chosenJobs = new HashSet<JobId>();
        int freed = 0;
        for (Offer offer : byCost) {
            if (freed >= missing) {
                break;
            }
            if (!chosenJobs.add(offer.job().id())) {
                continue; // a job is shrunk or preempted, not both
            }
            chosen.add(offer);
            freed += offer.gpus().size();
        }
        if (freed < missing) {
            return null;
        }
        // Greedy may overshoot: give back the dearest offers that are not needed after all.
        for (int i = chosen.size() - 1; i >= 0; i--) {
            int without = freed - chosen.get(i).gpus().size();
            if (without >= missing) {
                freed = without;
                chosen.remove(i);
            }
        }
        long cost = chosen.stream().mapToLong(Offer::cost).sum();
        return new Solution(node, missing, chosen, shrinkOnly, cost);
    }

    private void apply(Solution solution, PendingJob job, int gpus, PassState state, Candidates candidates) {
        var actions = new ArrayList<String>();
        // Preemptions free what they free; shrinks then give up only what is still missing.
        int stillMissing = solution.missing - solution.offers.stream().filter(offer -> !offer.shrink())
                .mapToInt(offer -> offer.gpus().size()).sum();
        for (Offer offer : solution.offers) {
            RunningJob victim = offer.job();
            if (offer.shrink()) {
                int giveUp = Math.min(offer.gpus().size(), Math.max(0, stillMissing));
                if (giveUp == 0) {
                    continue;
                }
                stillMissing -= giveUp;
                NodeId node = state.capacity().node(offer.node()).id();
                var to = new HashMap<>(victim.allocation());
                to.put(node, victim.allocation().get(node).minus(offer.gpus().highest(giveUp)));
                state.resize(victim, to, "shrunk to make room for job " + job.id());
                actions.add("shrinking " + victim.id() + " by " + giveUp);
            } else {
                state.preempt(victim, job, "preempted to make room for job " + job.id()
                        + (victim.owner().tenant().equals(job.owner().tenant()) ? " (higher priority, same tenant)"
                        : " (reclaiming GPUs tenant " + victim.owner().tenant() + " borrowed)"));
                candidates.borrowedLeft.merge(victim.owner(), -victim.gpuCount(), Integer::sum);
                actions.add("preempting " + victim.id());
            }
        }
        var node = new BitSet();
        node.set(solution.node);
        state.reserve(job.owner().pool(), new Reservation(job.id(), state.now(), node));
        state.quota().charge(job.owner(), gpus);
        String how = actions.isEmpty() ? "GPUs already being released" : String.join(", ", actions);
        state.explain(job, Explanation.of(PendingReason.AWAITING_RECLAIM, "starts on node "
                + state.capacity().node(solution.node).id() + " once " + gpus + " GPUs are free there: " + how)
                .startingAt(state.now()));
    }

    private Candidates candidates(PassState state) {
        return state.memo(this, this::collect);
    }

    private Candidates collect(PassState state) {
        var offersByNode = new TreeMap<Integer, List<Offer>>();
        var releasing = new HashMap<Integer, Integer>();
        var byOwner = new HashMap<TenantPool, List<RunningJob>>();
        int lowestVictimPriority = Integer.MAX_VALUE;
        long now = state.now();
        for (RunningJob running : state.snapshot().running()) {
            if (running.suspending()) {
                running.allocation().forEach((node, gpus) -> {
                    int index = state.capacity().indexOf(node);
                    if (index >= 0) {
                        releasing.merge(index, gpus.size(), Integer::sum);
                    }
                });
                continue;
            }
            byOwner.computeIfAbsent(running.owner(), o -> new ArrayList<>()).add(running);
            if (now - running.allocatedAt() < minRunSeconds) {
                continue;
            }
            long cost = running.lostWorkIfStoppedAt(now);
            for (Map.Entry<NodeId, GpuSet> held : running.allocation().entrySet()) {
                int index = state.capacity().indexOf(held.getKey());
                if (index < 0) {
                    continue;
                }
                int aboveMinimum = running.gpuCount() - running.gpus().min();
                if (shrink && running.isElastic() && running.allocation().size() == 1 && aboveMinimum > 0) {
                    offersByNode.computeIfAbsent(index, i -> new ArrayList<>())
                            .add(new Offer(running, true, index, held.getValue().highest(aboveMinimum), cost));
                }
                if (preempt && running.preemptible()) {
                    lowestVictimPriority = Math.min(lowestVictimPriority, running.priority());
                    offersByNode.computeIfAbsent(index, i -> new ArrayList<>())
                            .add(new Offer(running, false, index, held.getValue(), cost));
                }
            }
        }
        var borrowedJobs = new HashSet<JobId>();
        var borrowedLeft = new HashMap<TenantPool, Integer>();
        byOwner.forEach((owner, jobs) -> {
            int borrowed = QuotaMath.borrowedPart(state.quota().quota(owner), state.snapshot().usage().used(owner));
            borrowedLeft.put(owner, borrowed);
            // The newest allocations are the borrowed ones: older work keeps its guarantee.
            jobs.sort(Comparator.comparingLong(RunningJob::allocatedAt).thenComparing(RunningJob::id).reversed());
            for (RunningJob running : jobs) {
                if (borrowed <= 0) {
                    break;
                }
                borrowedJobs.add(running.id());
                borrowed -= running.gpuCount();
            }
        });
        return new Candidates(offersByNode, releasing, borrowedJobs, borrowedLeft, lowestVictimPriority);
    }
}
