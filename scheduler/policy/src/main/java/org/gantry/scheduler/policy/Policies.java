package org.gantry.scheduler.policy;

import java.util.List;
import org.gantry.scheduler.policy.elastic.ElasticGrowth;
import org.gantry.scheduler.policy.order.FirstInFirstOut;
import org.gantry.scheduler.policy.order.GittinsIndex;
import org.gantry.scheduler.policy.order.LeastAttainedService;
import org.gantry.scheduler.policy.order.ServiceTiers;
import org.gantry.scheduler.policy.order.ShortestGpuTimeFirst;
import org.gantry.scheduler.policy.order.ShortestJobFirst;
import org.gantry.scheduler.policy.reclaim.HigherPriorityWithinTenant;
import org.gantry.scheduler.policy.reclaim.LeastAttainedFirst;
import org.gantry.scheduler.policy.reclaim.ReclaimBorrowed;
import org.gantry.scheduler.policy.reclaim.RespectingGuarantees;
import org.gantry.scheduler.policy.reclaim.ShorterRemainingWork;
import org.gantry.scheduler.policy.reclaim.ShrinkThenPreempt;
import org.gantry.scheduler.policy.reclaim.SmallerGittinsRank;
import org.gantry.scheduler.policy.reclaim.VictimRule;
import org.gantry.scheduler.policy.reserve.HeadOfLineBlocking;
import org.gantry.scheduler.policy.reserve.ReserveAndBackfill;

/**
 * The policies Gantry ships, each assembled from stages. Within a pass the stages run in this
 * order, and the order matters:
 *
 * <ol>
 *   <li><b>order</b> first, because every later stage serves jobs in queue order;</li>
 *   <li><b>admit</b> before placing, so quota is settled by the tenant's numbers, not by which
 *       node happens to be free, and a refused job never holds anything back;</li>
 *   <li><b>filter</b> and <b>score</b> (best fit) to place the job where it fragments least;</li>
 *   <li><b>shrink / reclaim</b> only for an admitted job that found no room, shrinking elastic
 *       jobs before preempting anyone;</li>
 *   <li><b>reserve</b> next, so a job that still cannot start is promised GPUs and backfill
 *       cannot starve it;</li>
 *   <li><b>grow</b> last, because elastic jobs may only take what no waiting job could use;</li>
 *   <li><b>explain</b> throughout: every stage that holds a job back says why.</li>
 * </ol>
 */
public final class Policies {
    /** Jobs younger than this are never preempted or resized, so nothing thrashes. */
    public static final long DEFAULT_MIN_RUN_SECONDS = 300;
    /**
     * Seconds of estimate (GPU-seconds for GPU-time orders) forgiven per second of waiting: a job
     * waits at most about ten times its own length behind shorter work. Measured on the Philly
     * trace, 0.1 gives a lower mean completion time than 1.0 (too eager) or 0 (starves long jobs).
     */
    public static final double DEFAULT_AGING_RATE = 0.1;
    /** How much more work a running job must have left than a waiting one for {@code srpt} to preempt it. */
    private static final double SRPT_MARGIN = 2;
    /** Tiresias' queue bounds in GPU-seconds (1 and 10 GPU-hours). */
    private static final double[] LAS_THRESHOLDS = {3_600, 36_000};
    /** How many times larger a running job's Gittins rank must be than a waiting one's for {@code gittins} to preempt it. */
    private static final double GITTINS_MARGIN = 2;

    /** Every policy by name, in the order help texts list them: the one registry. */
    private static final List<PolicyEntry> ALL = List.of(
            new PolicyEntry("fifo", "strict first-in-first-out", false, false, true, minRun -> fifo()),
            new PolicyEntry("fifo-backfill", "first-in-first-out with EASY backfill", false, false, true,
                    minRun -> fifoBackfill()),
            new PolicyEntry("sjf-oracle", "shortest true duration first (simulator only)", false, true, true,
                    minRun -> shortestJobFirst(0)),
            new PolicyEntry("sjf", "shortest predicted duration first, with aging", false, false, true,
                    minRun -> shortestJobFirst(DEFAULT_AGING_RATE)),
            new PolicyEntry("sjf-gpu", "smallest predicted GPU-time first, with aging", false, false, true,
                    minRun -> shortestGpuTimeFirst()),
            new PolicyEntry("las", "Tiresias' least attained service, preemptive", true, false, true,
                    Policies::leastAttainedService),
            new PolicyEntry("gantry", "the default: service tiers, then smallest GPU-time, within quotas", true, false,
                    true, minRun -> gantry(DEFAULT_AGING_RATE, minRun)),
            new PolicyEntry("gittins", "Gittins index over learned GPU-time distributions, preemptive, within "
                    + "quotas", true, false, false, Policies::gittins),
            new PolicyEntry("gantry-fair", "gantry with borrowing capped at each tenant's fair share", true, false,
                    false, Policies::gantryFair),
            new PolicyEntry("srpt-oracle", "preemptive shortest remaining true GPU-time (simulator only: a "
                    + "near-ideal yardstick)", true, true, false, Policies::shortestRemainingWorkFirst));

    private Policies() {}

    /** Strict first-in-first-out: a job that cannot start holds back everything behind it. */
    public static SchedulingPolicy fifo() {
        return new Pipeline("fifo", new FirstInFirstOut(), false, new HeadOfLineBlocking(), RoomMaker.NONE,
                Grower.NONE);
    }

    /** First-in-first-out with EASY backfill: later jobs fill holes that do not delay the first blocked job. */
    public static SchedulingPolicy fifoBackfill() {
        return new Pipeline("fifo-backfill", new FirstInFirstOut(), false, new ReserveAndBackfill(), RoomMaker.NONE,
                Grower.NONE);
    }

    /** Shortest estimated job first, with aging, reservation and backfill. */
    public static SchedulingPolicy shortestJobFirst(double agingRate) {
        return new Pipeline("sjf", new ShortestJobFirst(agingRate), false, new ReserveAndBackfill(), RoomMaker.NONE,
                Grower.NONE);
    }

    /** Smallest GPU-time first, with aging, reservation and backfill. */
    public static SchedulingPolicy shortestGpuTimeFirst() {
        return new Pipeline("sjf-gpu", new ShortestGpuTimeFirst(DEFAULT_AGING_RATE), false, new ReserveAndBackfill(),
                RoomMaker.NONE, Grower.NONE);
    }

    /**
     * Tiresias' discretised two-dimensional least-attained-service: jobs that have had less GPU
     * service go first and preempt running jobs that have had more (a later queue), with
     * reservation and backfill. Under quotas, borrowed work never preempts guaranteed work.
     */
    public static SchedulingPolicy leastAttainedService(long minRunSeconds) {
        LeastAttainedService queues = new LeastAttainedService(LAS_THRESHOLDS);
        // Borrowed work may not preempt guaranteed work: guaranteed work starts first and would take
        // the GPUs straight back, preempting again and again (a loop the simulator's tests caught).
        VictimRule leastServedFirst = new RespectingGuarantees(new LeastAttainedFirst(queues), new ReclaimBorrowed(),
                false);
        return new Pipeline("las", queues, false, new ReserveAndBackfill(),
                new ShrinkThenPreempt(false, List.of(leastServedFirst), minRunSeconds), Grower.NONE);
    }

    /**
     * The production default: jobs that have had the least GPU service go first (Tiresias' tiers,
     * which preempt jobs that have had much more), and within a tier the smallest predicted
     * GPU-time, with aging; guaranteed work before borrowing; reservation and backfill; shrinking
     * elastic jobs and reclaiming borrowed GPUs for guaranteed work; and elastic jobs growing into
     * idle GPUs. On the Philly trace the tiers beat ordering by predicted duration alone, because
     * predictions are poor and durations heavy-tailed (see README, "Simulator").
     */
    /**
     * Preemptive shortest-remaining-GPU-time first, with reservation and backfill: a yardstick for
     * the simulator, which feeds it true durations ({@code srpt-oracle}). Under quotas, borrowed work
     * never preempts guaranteed work.
     */
    public static SchedulingPolicy shortestRemainingWorkFirst(long minRunSeconds) {
        VictimRule shorterFirst = new RespectingGuarantees(new ShorterRemainingWork(SRPT_MARGIN), new ReclaimBorrowed(),
                false);
        return new Pipeline("srpt", new ShortestGpuTimeFirst(0), false, new ReserveAndBackfill(),
                new ShrinkThenPreempt(false, List.of(shorterFirst), minRunSeconds), Grower.NONE);
    }

    public static SchedulingPolicy gantry() {
        return gantry(DEFAULT_AGING_RATE, DEFAULT_MIN_RUN_SECONDS);
    }

    public static SchedulingPolicy gantry(double agingRate, long minRunSeconds) {
        return gantry("gantry", agingRate, minRunSeconds, false);
    }

    /**
     * The production pipeline with borrowing also capped by each tenant's fair share of the idle
     * GPUs (weighted max-min), for operators who value even sharing between borrowers over mean
     * completion time: it holds short jobs of a tenant that borrows much behind longer jobs of
     * tenants that borrow little.
     */
    public static SchedulingPolicy gantryFair() {
        return gantryFair(DEFAULT_MIN_RUN_SECONDS);
    }

    public static SchedulingPolicy gantryFair(long minRunSeconds) {
        return gantry("gantry-fair", DEFAULT_AGING_RATE, minRunSeconds, true);
    }

    private static SchedulingPolicy gantry(String name, double agingRate, long minRunSeconds, boolean fairShare) {
        LeastAttainedService tiers = new LeastAttainedService(LAS_THRESHOLDS);
        ReclaimBorrowed reclaim = new ReclaimBorrowed();
        // Tiers preempt too, but only within quotas: a tenant's own work, or GPUs others borrowed.
        VictimRule leastServedFirst = new RespectingGuarantees(new LeastAttainedFirst(tiers), reclaim, true);
        return new Pipeline(name, new ServiceTiers(tiers, new ShortestGpuTimeFirst(agingRate)), fairShare,
                new ReserveAndBackfill(), new ShrinkThenPreempt(true, List.of(reclaim,
                        new HigherPriorityWithinTenant(), leastServedFirst), minRunSeconds),
                new ElasticGrowth(minRunSeconds));
    }

    /**
     * Tiresias' distribution-aware 2D-LAS without an oracle: the smallest Gittins rank over the
     * GPU-time distribution of similar finished jobs goes first ({@link GittinsIndex}, from each
     * job's {@link org.gantry.scheduler.predict.DurationOutlook}), and preempts running jobs whose
     * rank has grown well past it; guaranteed work first, borrowing on what is left, priority within
     * a tenant, reservation and backfill, elastic growth.
     *
     * <p>Preemption stays within quotas: a tenant's own work, or GPUs another tenant borrowed, and
     * only by rank. With quotas switched off (every guarantee unlimited) any job may be preempted by
     * rank: confined to each tenant's own jobs, the index could not reorder tenants at all. There is no rank-blind reclaim of borrowed GPUs (as {@code gantry} has): it took
     * GPUs from borrowers about to finish for guaranteed jobs likely to run long, which cost 6% in
     * mean JCT on Philly at 56x8 (first 20,000 jobs). A guaranteed job gets borrowed GPUs back as
     * soon as the borrower's rank has grown past twice its own, or when the borrower ends.
     */
    public static SchedulingPolicy gittins(long minRunSeconds) {
        GittinsIndex index = new GittinsIndex();
        VictimRule smallerRankFirst = new RespectingGuarantees(new SmallerGittinsRank(index, GITTINS_MARGIN),
                new ReclaimBorrowed(), true, true);
        return new Pipeline("gittins", index, false, new ReserveAndBackfill(), new ShrinkThenPreempt(true,
                List.of(new HigherPriorityWithinTenant(), smallerRankFirst), minRunSeconds),
                new ElasticGrowth(minRunSeconds));
    }

    /** Every policy Gantry ships, the simulator's oracles included. */
    public static List<PolicyEntry> all() {
        return ALL;
    }

    /** The entry of that name, oracles included. */
    public static PolicyEntry entry(String name) {
        for (PolicyEntry entry : ALL) {
            if (entry.name().equals(name)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + name + "'; known: "
                + String.join(", ", ALL.stream().map(PolicyEntry::name).toList()));
    }

    /** A policy production can run, with the default minimum run before preemption. */
    public static SchedulingPolicy named(String name) {
        return named(name, DEFAULT_MIN_RUN_SECONDS);
    }

    /**
     * A policy production can run, with {@code minRunSeconds} as the least time a job runs before
     * it may be preempted (for the policies that preempt). Oracles are refused: only the simulator
     * knows true durations.
     */
    public static SchedulingPolicy named(String name, long minRunSeconds) {
        PolicyEntry entry = entry(name);
        if (entry.oracle()) {
            throw new IllegalArgumentException("policy '" + name + "' needs true job durations, which only "
                    + "`gantry simulate` has; known: " + String.join(", ", names()));
        }
        return entry.build().apply(minRunSeconds);
    }

    /** The policies production can run (every one but the simulator's oracles). */
    public static List<String> names() {
        return ALL.stream().filter(entry -> !entry.oracle()).map(PolicyEntry::name).toList();
    }
}
