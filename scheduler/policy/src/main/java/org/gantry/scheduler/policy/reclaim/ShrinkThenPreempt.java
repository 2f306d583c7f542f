package org.gantry.scheduler.policy.reclaim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.quota.QuotaMath;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.PendingReason;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.Reservation;
import org.gantry.scheduler.policy.RoomMaker;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.RunningJobs;
import org.gantry.scheduler.policy.place.NodeFilter;

/**
 * Makes room on one node for a job that fits on one node, cheapest first: GPUs already being
 * released there cost nothing; shrinking elastic jobs toward their minimum comes next and is
 * always preferred to preempting anyone; preemption, where a {@link VictimRule} allows it, takes
 * the victims the rules are least reluctant to take (under least-attained-service, those that have
 * had the most service) and among those the ones that lose the least work (GPU-seconds since their
 * last checkpoint).
 *
 * <p>Nothing that started or resized less than {@code minRunSeconds} ago is touched, so jobs do
 * not thrash. Gangs spanning whole nodes are not made room for: they wait for their reservation.
 */
public final class ShrinkThenPreempt implements RoomMaker {
    /**
     * What one step of a rule's reluctance costs, in GPU-seconds of lost work: more than any victim
     * could lose (128 GPUs for a year is 4e9), so reluctance decides first and lost work breaks ties.
     */
    private static final long RELUCTANCE_COST = 1_000_000_000_000L;

    /**
     * Preemptions one pass may order. A wave of them (a clock past everyone's minimum run time, a
     * burst of short jobs under least-attained-service) is spread over the next passes instead:
     * each victim checkpoints before its GPUs are free anyway, and a pass stays short.
     */
    public static final int MAX_PREEMPTIONS_PER_PASS = 100;

    /**
     * Offers one search for room weighs, cheapest first (each counted once, though its node may be
     * weighed again at dearer levels), before it settles for the best solution found so far, or
     * gives up. A search that finds room finds it among the first few levels; one that fails would
     * otherwise weigh every victim in the cluster (tens of thousands), for every kind of waiting
     * job, in every pass. Past this many of the cheapest, the job waits for the next pass, which
     * sees the cluster changed. A cluster has at most one offer per GPU, and this is above the
     * GPUs of the simulator's Philly clusters, so their replays are unchanged.
     */
    public static final int MAX_OFFERS_WEIGHED = 1_024;

    private final boolean shrink;
    private final List<VictimRule> rules;
    private final long minRunSeconds;
    /** Memo keys made once: a pass asks for them for each of the ~1,000 jobs it tries. */
    private final SearchesKey searchesKey = new SearchesKey(this);
    /** Made once, like the keys: a lambda that captured this stage would be allocated at every call. */
    private final Function<PassState, Searches> newSearches;
    private final ShrinkableKey shrinkableKey = new ShrinkableKey(this);

    /**
     * @param shrink whether elastic jobs may give up GPUs above their minimum
     * @param rules  who may be preempted for whom (none: never preempt)
     */
    public ShrinkThenPreempt(boolean shrink, List<VictimRule> rules, long minRunSeconds) {
        this.shrink = shrink;
        this.rules = List.copyOf(rules);
        if (this.rules.size() > 30) {
            throw new IllegalArgumentException("at most 30 victim rules (a pass keeps sets of them as bit masks)");
        }
        if (minRunSeconds < 0) {
            throw new IllegalArgumentException("minimum run time must be >= 0, got " + minRunSeconds);
        }
        this.minRunSeconds = minRunSeconds;
        int ruleCount = this.rules.size();
        this.newSearches = pass -> new Searches(ruleCount);
    }

    /**
     * What this pass could take from running jobs, by node, for jobs that only some of the rules
     * could let preempt anyone (the rest allow them nobody), worked out once per pass for those rules.
     */
    private record Candidates(Map<Integer, List<Offer>> offersByNode, Map<Integer, Integer> releasing,
                              List<Offer> shrinks, Map<Integer, Long> cheapestOffer, Map<Integer, Integer> largestOffer,
                              List<Integer> searchOrder) {}

    /** A way to make room on one node. */
    private record Solution(int node, int missing, List<Offer> offers, boolean shrinkOnly, long cost) {
        static final Comparator<Solution> BEST_FIRST = Comparator.comparing((Solution s) -> !s.shrinkOnly)
                .thenComparingLong(Solution::cost)
                .thenComparingInt(s -> s.offers.size())
                .thenComparingInt(Solution::node);
    }

    /**
     * Whether a later job could still get room: an elastic job can shrink, or a victim rule could
     * still act. Cheap, because the pass asks before every job once the cluster is full.
     */
    @Override
    public boolean canAct(PassState state) {
        if (shrink) {
            for (RunningJob elastic : shrinkable(state)) {
                if (!state.isDisturbed(elastic.id())) {
                    return true;
                }
            }
        }
        if (!mayStillPreempt(state)) {
            return false;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).mayAct(state)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any rule could let the job preempt anyone (indexed: asked for each job that needs room). */
    private boolean mayBenefit(PendingJob job, boolean withinGuarantee, PassState state) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).mayBenefit(job, withinGuarantee, state)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this pass may order more preemptions (shrinks and GPUs already being released cost none). */
    private static boolean mayStillPreempt(PassState state) {
        return state.preemptionCount() < MAX_PREEMPTIONS_PER_PASS;
    }

    @Override
    public boolean makeRoom(PendingJob job, int gpus, boolean withinGuarantee, PassState state) {
        var capacity = state.capacity();
        if (gpus > capacity.largestMatchingNode(job.owner().pool(), job.constraints())) {
            return false;
        }
        Searches searches = state.memo(searchesKey, newSearches);
        FailedSearches failed = searches.failed;
        Alike alike = searches.alike(job, withinGuarantee, rules, state);
        double[] claims = searches.claims(job, rules, state);
        if (failed.known(alike, claims, gpus)) {
            return false; // no room could be made for a job alike, no larger, with claims as strong
        }
        boolean mayPreempt = mayStillPreempt(state) && mayBenefit(job, withinGuarantee, state);
        if (!mayPreempt && !canAct(state) && !releasing(state)) {
            return false;
        }
        int ruling = rulingFor(job, withinGuarantee);
        BitSet reserved = state.reservedAgainst(job.owner().pool(), Long.MAX_VALUE);
        // Shrinks (which win at any cost) and GPUs being released (looked at first) need every node
        // weighed; without them, the cheapest offers decide, and only they need to be worked out.
        boolean cheapestDecide = (!shrink || shrinkable(state).isEmpty()) && !releasing(state);
        Solution best = cheapestDecide ? searchCheapestFirst(job, gpus, withinGuarantee, ruling, reserved, state)
                : searchEveryNode(job, gpus, withinGuarantee, ruling, reserved, state);
        if (best == null) {
            if (cheapestDecide || candidates(state, ruling).shrinks.isEmpty()) {
                // whether a shrink is open to a job can change as tenants borrow
                failed.add(alike.copy(), claims, gpus); // the probe is asked again for the next job
            }
            return false;
        }
        apply(best, job, gpus, withinGuarantee, state);
        return true;
    }

    /**
     * The best solution, from the cheapest offers up: once the next offers cost more than the best
     * solution found, no node they could still complete can beat it (costs are never negative), and
     * a node not reached yet holds only dearer offers. The same solution as weighing every node,
     * unless it takes more than {@link #MAX_OFFERS_WEIGHED} offers to tell.
     *
     * <p>A level's nodes come in ascending order, and once one of them is made room on by a single
     * offer of the level's cost, no later node of the level can beat it (see {@link #unbeatable});
     * the search then stops there instead of walking the rest of a level of thousands.
     */
    private Solution searchCheapestFirst(PendingJob job, int gpus, boolean withinGuarantee, int ruling,
                                         BitSet reserved, PassState state) {
        OfferLevels levels = state.memo(new LevelsKey(this, ruling), s -> levels(s, ruling));
        levels.startSearch();
        Predicate<RunningJob> allowed = victim -> mayPreempt(victim, job, withinGuarantee, state);
        Solution best = null;
        int weighed = 0;
        for (int i = 0; ; i++) {
            OfferLevels.Level level = levels.level(i);
            if (level == null || (best != null && level.cost() > best.cost())) {
                return best;
            }
            for (int node = levels.nextNode(level, -1); node >= 0; node = levels.nextNode(level, node)) {
                if (weighed >= MAX_OFFERS_WEIGHED) {
                    return best; // one level may hold thousands of jobs that started together
                }
                if (best != null && unbeatable(best, level, job, gpus, reserved, state)) {
                    return best;
                }
                // The same filters in any order; the cheapest that rules out most nodes first (speed).
                int have = state.capacity().freeCountOn(node);
                if (have < gpus && !levels.couldFree(node, level.cost(), gpus - have)) {
                    continue; // the offers so far cannot free enough here (most nodes, for a job of several GPUs)
                }
                if (!open(node, job, reserved, state)) {
                    continue;
                }
                if (best != null && have < gpus && outranked(best, node, gpus - have, levels.cheapestOn(node),
                        levels.largestOn(node, level.cost()))) {
                    continue; // most nodes of a level of jobs that started together
                }
                if (have >= gpus && !levels.anyTakeableOn(node, level.cost())) {
                    continue; // nothing here the rules could take yet (short of GPUs, couldFree said so already)
                }
                weighed += levels.takeableAt(node, level.cost());
                // Offers up to this level are all known, so a node they complete is weighed as it would be with all.
                if (have < gpus && levels.allowedGpusOn(node, level.cost(), allowed) < gpus - have) {
                    continue; // what this job may take here frees too few (most nodes, in a search that fails)
                }
                Solution solution = have >= gpus ? cheapest(node, 0, List.of(), true)
                        : cheapest(node, gpus - have, levels.allowedOffersOn(node, level.cost()), false);
                if (solution != null && (best == null || Solution.BEST_FIRST.compare(solution, best) < 0)) {
                    best = solution;
                }
            }
        }
    }

    /**
     * Whether no node after {@code best}'s in the level can beat it. A solution there costs at
     * least the level's cost, unless it needs only cheaper offers, which the earlier levels weighed
     * it with already; at that cost it takes at least one offer, and loses the tie on its higher
     * node. Only a node with the GPUs free already (room at no cost) would win, and none has them.
     */
    private static boolean unbeatable(Solution best, OfferLevels.Level level, PendingJob job, int gpus,
                                      BitSet reserved, PassState state) {
        return !best.shrinkOnly() && best.offers().size() == 1 && best.cost() == level.cost()
                && state.capacity().mostFreeOnOneNode(job.owner().pool(), job.constraints(), reserved) < gpus;
    }

    /** The best solution over every node with offers, those with GPUs being released first. */
    private Solution searchEveryNode(PendingJob job, int gpus, boolean withinGuarantee, int ruling, BitSet reserved,
                                     PassState state) {
        Candidates candidates = candidates(state, ruling);
        Solution best = null;
        // Nodes with GPUs being released first (room at no cost), then by their cheapest offer: once
        // the cheapest offer on the next node costs more than the best solution found, no later node
        // can beat it (with shrinks around, which win at any cost, every node is looked at). Offers
        // no rule in play could use only ever made a node look dearer, so leaving them out changes
        // nothing past the nodes being released; those keep every offer's cheapest, where the walk
        // would have stopped before.
        for (int node : candidates.searchOrder) {
            if (best != null && candidates.shrinks.isEmpty()
                    && cheapestOffer(node, candidates, ruling, state) > best.cost()) {
                break;
            }
            if (!open(node, job, reserved, state)) {
                continue;
            }
            int have = state.capacity().freeCountOn(node) + candidates.releasing.getOrDefault(node, 0);
            if (best != null && candidates.shrinks.isEmpty() && have < gpus && !candidates.releasing.containsKey(node)
                    && outranked(best, node, gpus - have, candidates.cheapestOffer.get(node),
                            candidates.largestOffer.get(node))) {
                continue; // most nodes, when victims cost alike: no need to weigh their offers one by one
            }
            Solution solution = weigh(node, gpus, have, candidates.offersByNode.getOrDefault(node, List.of()), job,
                    withinGuarantee, state);
            if (solution != null && (best == null || Solution.BEST_FIRST.compare(solution, best) < 0)) {
                best = solution;
            }
        }
        return best;
    }

    /** Whether the job may land on the node: schedulable, in its pool, matching, not reserved. */
    private static boolean open(int node, PendingJob job, BitSet reserved, PassState state) {
        NodeView view = state.capacity().node(node);
        return view.schedulable() && samePool(view.pool(), job.owner().pool())
                && NodeFilter.matches(job.constraints(), view) && (reserved == null || !reserved.get(node));
    }

    /** The record's equals, by name without its method-handle dispatch: asked of every node a search walks. */
    private static boolean samePool(PoolId a, PoolId b) {
        return a == b || a.value().equals(b.value());
    }

    /**
     * The cheapest way to make room on the node with the offers there the job may use: shrinks
     * alone if they do, else any; none needed when it {@code have}s enough.
     */
    private Solution weigh(int node, int gpus, int have, List<Offer> offers, PendingJob job, boolean withinGuarantee,
                           PassState state) {
        // Plain loops: this runs for every node weighed, for every job that needs room.
        var eligible = new ArrayList<Offer>();
        var shrinks = new ArrayList<Offer>();
        for (Offer offer : offers) {
            if (usable(offer, job, withinGuarantee, state)) {
                eligible.add(offer);
                if (offer.shrink()) {
                    shrinks.add(offer);
                }
            }
        }
        Solution solution = shrinks.isEmpty() ? null : cheapest(node, gpus - have, shrinks, true);
        if (solution == null && have < gpus && !eligible.isEmpty()) {
            solution = cheapest(node, gpus - have, eligible, false);
        } else if (solution == null && have >= gpus) {
            solution = cheapest(node, gpus - have, List.of(), true);
        }
        return solution;
    }

    /**
     * Whether {@code best} ranks before every way of freeing {@code missing} GPUs by preemption on
     * the node: it takes at least as many offers as the {@code largest} one needs to cover them,
     * each costing at least the {@code cheapest}, so the search need not weigh them one by one.
     */
    private static boolean outranked(Solution best, int node, int missing, long cheapest, int largest) {
        if (best.shrinkOnly()) {
            return true;
        }
        int fewest = (missing + largest - 1) / largest;
        long bound = cheapest > Long.MAX_VALUE / fewest ? Long.MAX_VALUE : cheapest * fewest;
        if (bound != best.cost()) {
            return bound > best.cost();
        }
        if (fewest != best.offers().size()) {
            return fewest > best.offers().size();
        }
        return node > best.node();
    }

    private boolean usable(Offer offer, PendingJob job, boolean withinGuarantee, PassState state) {
        RunningJob victim = offer.job();
        if (!offer.shrink()) {
            return mayPreempt(victim, job, withinGuarantee, state);
        }
        // GPUs above an elastic job's minimum are still its tenant's: another tenant's borrowed
        // work may only take them when that tenant itself borrows.
        return !state.isDisturbed(victim.id()) && (victim.owner().tenant().equals(job.owner().tenant())
                || withinGuarantee
                || QuotaMath.borrowedPart(state.quota().quota(victim.owner()), state.quota().used(victim.owner())) > 0);
    }

    /** Whether the job may preempt the victim now: untouched in this pass so far, and some rule allows it. */
    private boolean mayPreempt(RunningJob victim, PendingJob job, boolean withinGuarantee, PassState state) {
        if (state.isDisturbed(victim.id()) || !mayStillPreempt(state)) {
            return false;
        }
        for (int i = 0; i < rules.size(); i++) { // indexed: asked for every offer weighed, no iterator
            if (rules.get(i).allows(victim, job, withinGuarantee, state)) {
                return true;
            }
        }
        return false;
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

    private void apply(Solution solution, PendingJob job, int gpus, boolean withinGuarantee, PassState state) {
        var actions = new ArrayList<String>();
        // Why each victim may go, asked before any is preempted: a preemption changes what the rules
        // allow next (a tenant that stops borrowing), and every chosen victim was allowed when chosen.
        var reasons = new HashMap<Offer, String>();
        var codes = new HashMap<Offer, String>();
        for (Offer offer : solution.offers) {
            if (!offer.shrink()) {
                VictimRule allowing = rules.stream().filter(rule -> rule.allows(offer.job(), job, withinGuarantee, state))
                        .findFirst().orElse(null);
                reasons.put(offer, allowing == null ? "allowed when chosen" : allowing.why(offer.job(), job));
                codes.put(offer, allowing == null ? Preemption.OTHER : allowing.code());
            }
        }
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
                state.preempt(victim, job, codes.get(offer), "preempted to make room for job " + job.id() + " (" + reasons.get(offer)
                        + ")");
                rules.forEach(rule -> rule.preempted(victim, state));
                actions.add("preempting " + victim.id());
            }
        }
        var node = new BitSet();
        node.set(solution.node);
        state.reserve(job.owner().pool(), new Reservation(job.id(), state.now(), node, true));
        state.quota().charge(job.owner(), gpus);
        String how = actions.isEmpty() ? "GPUs already being released" : String.join(", ", actions);
        state.explain(job, Explanation.of(PendingReason.AWAITING_RECLAIM, "starts on node "
                + state.capacity().node(solution.node).id() + " once " + gpus + " GPUs are free there: " + how)
                .startingAt(state.now()));
    }

    /**
     * Jobs the rules cannot tell apart, besides their size and claims: the same victims are open to
     * them. Equal by value, like a record; mutable only as a pass's probe ({@link Searches}), and
     * copied before it is kept as a key.
     */
    private static final class Alike {
        private TenantPool owner;
        private PlacementConstraints constraints;
        private boolean withinGuarantee;
        private final Object[] entitlements;

        Alike(int rules) {
            this.entitlements = new Object[rules];
        }

        Alike copy() {
            var copy = new Alike(entitlements.length);
            copy.owner = owner;
            copy.constraints = constraints;
            copy.withinGuarantee = withinGuarantee;
            System.arraycopy(entitlements, 0, copy.entitlements, 0, entitlements.length);
            return copy;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Alike other && withinGuarantee == other.withinGuarantee && owner.equals(other.owner)
                    && constraints.equals(other.constraints) && Arrays.equals(entitlements, other.entitlements);
        }

        @Override
        public int hashCode() {
            return ((owner.hashCode() * 31 + constraints.hashCode()) * 31 + Boolean.hashCode(withinGuarantee)) * 31
                    + Arrays.hashCode(entitlements);
        }
    }

    /**
     * One pass's failed searches, and the probe and claims a search is asked about before it runs:
     * made once per pass and refilled for each job, since a pass asks for each of the ~1,000 jobs
     * it tries behind a gang's reservation (they were a sixth of such a pass's garbage).
     */
    private static final class Searches {
        final FailedSearches failed = new FailedSearches();
        private final Alike probe;
        private final double[] claims;

        Searches(int rules) {
            this.probe = new Alike(rules);
            this.claims = new double[rules];
        }

        /** The probe, filled for this job: valid until the next job is asked about. */
        Alike alike(PendingJob job, boolean withinGuarantee, List<VictimRule> rules, PassState state) {
            probe.owner = job.owner();
            probe.constraints = job.constraints();
            probe.withinGuarantee = withinGuarantee;
            for (int i = 0; i < rules.size(); i++) {
                probe.entitlements[i] = rules.get(i).entitlement(job, state);
            }
            return probe;
        }

        /** The job's claims rule by rule, in an array refilled for the next job ({@link FailedSearches#add} copies it). */
        double[] claims(PendingJob job, List<VictimRule> rules, PassState state) {
            for (int i = 0; i < claims.length; i++) {
                claims[i] = rules.get(i).claim(job, state);
            }
            return claims;
        }
    }

    /** The memo key of the searches for room that failed in a pass ({@link Searches}). */
    private record SearchesKey(ShrinkThenPreempt stage) {}

    /** Elastic jobs that could give GPUs back, from the running jobs' index of elastic ones. */
    private List<RunningJob> shrinkable(PassState state) {
        return state.memo(shrinkableKey, s -> {
            var found = new ArrayList<RunningJob>();
            for (RunningJob running : s.snapshot().running().elastic()) {
                if (canShrink(running, s.now())) {
                    found.add(running);
                }
            }
            return found;
        });
    }

    private boolean canShrink(RunningJob running, long now) {
        return running.isElastic() && !running.suspending() && running.allocation().size() == 1
                && running.gpuCount() > running.gpus().min() && now - running.allocatedAt() >= minRunSeconds;
    }

    /** How much the rules would rather spare the victim: the most any of them would. */
    private int reluctance(RunningJob running, PassState state) {
        int most = 0;
        for (int i = 0; i < rules.size(); i++) { // indexed: asked for each of ~10,000 victims a reclaim costs
            most = Math.max(most, rules.get(i).reluctance(running, state));
        }
        return most;
    }

    private boolean anyRuleMayVictimize(RunningJob running, int ruling, PassState state) {
        for (int i = 0; i < rules.size(); i++) {
            if ((ruling & 1 << i) != 0 && rules.get(i).mayVictimize(running, state)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any GPUs are being released (by suspending jobs) in this pass. */
    private boolean releasing(PassState state) {
        return !state.snapshot().running().suspending().isEmpty();
    }

    /** The memo key of {@link #shrinkable}, apart from the full candidates'. */
    private record ShrinkableKey(ShrinkThenPreempt stage) {}

    /** The rules that could let this job preempt anyone, as a bit mask over {@link #rules}. */
    private int rulingFor(PendingJob job, boolean withinGuarantee) {
        int ruling = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).mayAllowAny(job, withinGuarantee)) {
                ruling |= 1 << i;
            }
        }
        return ruling;
    }

    private int allRules() {
        return (1 << rules.size()) - 1;
    }

    /** The cheapest offer on the node; on a node being released, of every rule's offers (see makeRoom). */
    private long cheapestOffer(int node, Candidates candidates, int ruling, PassState state) {
        Candidates owner = ruling != allRules() && candidates.releasing.containsKey(node)
                ? candidates(state, allRules()) : candidates;
        return owner.cheapestOffer.getOrDefault(node, 0L);
    }

    /** The memo key of the offer levels for some of the rules. */
    private record LevelsKey(ShrinkThenPreempt stage, int ruling) {}

    /** The victims of the rules in play, costed, their offers to be revealed cheapest first. */
    private OfferLevels levels(PassState state, int ruling) {
        List<Iterable<RunningJob>> sources = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if ((ruling & 1 << i) != 0) {
                sources.add(rules.get(i).victims(state));
            }
        }
        // A rule that may take any running job (Gittins') names every other rule's victims too:
        // its source alone then, and no weeding out of jobs named twice, a set of thousands.
        RunningJobs everyone = state.snapshot().running();
        if (sources.stream().anyMatch(source -> source == everyone)) {
            sources = List.of(everyone);
        }
        long now = state.now();
        return new OfferLevels(sources,
                running -> !running.suspending() && now - running.allocatedAt() >= minRunSeconds,
                running -> cost(running, state),
                running -> running.preemptible() && anyRuleMayVictimize(running, ruling, state), state.capacity());
    }

    /** GPU-seconds of work lost by preempting the job now, after how reluctant the rules are to. */
    private long cost(RunningJob running, PassState state) {
        return running.lostWorkIfStoppedAt(state.now()) + reluctance(running, state) * RELUCTANCE_COST;
    }

    /** The memo key of the candidates for some of the rules. */
    private record CandidatesKey(ShrinkThenPreempt stage, int ruling) {}

    private Candidates candidates(PassState state, int ruling) {
        return state.memo(new CandidatesKey(this, ruling), s -> collect(s, ruling));
    }

    /**
     * Offers from the jobs that could shrink and the victims of the rules in play, found through
     * the running jobs' indexes (a scan of every running job costs a busy cluster's pass dearly).
     * The order they come in does not matter: offers are compared by cost, then job.
     */
    private Candidates collect(PassState state, int ruling) {
        var releasing = new HashMap<Integer, Integer>();
        var shrinks = new ArrayList<Offer>();
        long now = state.now();
        for (RunningJob running : state.snapshot().running().suspending()) {
            running.allocation().forEach((node, gpus) -> {
                int index = state.capacity().indexOf(node);
                if (index >= 0) {
                    releasing.merge(index, gpus.size(), Integer::sum);
                }
            });
        }
        var victims = new ArrayList<RunningJob>();
        int sources = 0;
        if (shrink) {
            victims.addAll(shrinkable(state));
            sources += victims.isEmpty() ? 0 : 1;
        }
        for (int i = 0; i < rules.size(); i++) {
            if ((ruling & 1 << i) != 0) {
                int before = victims.size();
                rules.get(i).victims(state).forEach(victims::add);
                sources += victims.size() > before ? 1 : 0;
            }
        }
        // Hashed maps sized for what is coming: a reclaiming pass brings ~10,000 victims here.
        var offersByNode = new HashMap<Integer, List<Offer>>(victims.size() * 2);
        // Only victims that two sources both name need weeding out (each source names a job once).
        var seen = sources > 1 ? new HashSet<JobId>(victims.size() * 2) : null;
        for (RunningJob running : victims) {
            if (running.suspending() || now - running.allocatedAt() < minRunSeconds
                    || seen != null && !seen.add(running.id())) {
                continue;
            }
            long cost = cost(running, state);
            boolean victimizable = running.preemptible() && anyRuleMayVictimize(running, ruling, state);
            for (Map.Entry<NodeId, GpuSet> held : running.allocation().entrySet()) {
                int index = state.capacity().indexOf(held.getKey());
                if (index < 0) {
                    continue;
                }
                int aboveMinimum = running.gpuCount() - running.gpus().min();
                if (shrink && canShrink(running, now)) {
                    Offer offer = new Offer(running, true, index, held.getValue().highest(aboveMinimum), cost);
                    offersByNode.computeIfAbsent(index, i -> new ArrayList<>()).add(offer);
                    shrinks.add(offer);
                }
                if (victimizable) {
                    offersByNode.computeIfAbsent(index, i -> new ArrayList<>())
                            .add(new Offer(running, false, index, held.getValue(), cost));
                }
            }
        }
        var cheapestOffer = new HashMap<Integer, Long>();
        var largestOffer = new HashMap<Integer, Integer>();
        offersByNode.forEach((node, offers) -> {
            long cheapest = Long.MAX_VALUE;
            int largest = 0;
            for (Offer offer : offers) {
                cheapest = Math.min(cheapest, offer.cost());
                largest = Math.max(largest, offer.gpus().size());
            }
            cheapestOffer.put(node, cheapest);
            largestOffer.put(node, largest);
        });
        var searchOrder = new ArrayList<Integer>(releasing.keySet());
        searchOrder.sort(null);
        var byCheapest = new ArrayList<>(offersByNode.keySet());
        byCheapest.removeAll(releasing.keySet());
        byCheapest.sort(Comparator.comparingLong((Integer node) -> cheapestOffer.get(node))
                .thenComparingInt(node -> node));
        searchOrder.addAll(byCheapest);
        return new Candidates(offersByNode, releasing, shrinks, cheapestOffer, largestOffer, searchOrder);
    }
}
