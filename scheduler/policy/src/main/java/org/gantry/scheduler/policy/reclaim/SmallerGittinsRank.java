package org.gantry.scheduler.policy.reclaim;

import java.util.IdentityHashMap;
import java.util.Map;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.order.GittinsIndex;

/**
 * The Gittins order's preemption: a waiting job preempts a running job whose rank by now is
 * more than {@code margin} times its own, whatever their tenants (quota rules narrow this, see
 * {@link RespectingGuarantees}). The margin keeps churn down: each preemption costs the work since
 * the victim's last checkpoint and a restart, and two jobs of nearly equal rank would otherwise
 * swap places as each one's service grows. Victims with the largest rank go first. A waiting
 * job's rank counts rounded up to a step of a quarter doubling, so that jobs of one tenant and size
 * whose ranks are close are allowed the same victims (the effective margin lies between
 * {@code margin} and 1.19 times it); a search for room that failed for one is not repeated for
 * those of no smaller rank (see {@link #claim}).
 *
 * @param margin how many times larger the victim's rank must be (> 1)
 */
public record SmallerGittinsRank(GittinsIndex index, double margin) implements VictimRule {
    /**
     * The memo keys of {@link #rankNow} and {@link #roundedUpRank}: plain objects, found by
     * identity (a record key is hashed at every lookup). Ranks depend on neither the margin nor
     * the rule's instance (the index has no state), so every instance may share them.
     */
    private static final Object RANKS_NOW = new Object();
    private static final Object ROUNDED_UP_RANKS = new Object();
    /** Reluctance steps: one per doubling of rank below 2^48 GPU-seconds. */
    private static final int LEVELS = 48;
    /** Steps a waiting job's rank is rounded up to, per doubling. */
    private static final int STEPS_PER_DOUBLING = 4;

    public SmallerGittinsRank {
        if (!(margin > 1)) {
            throw new IllegalArgumentException("the preemption margin must be > 1, got " + margin);
        }
    }

    @Override
    public String code() {
        return "smaller_gittins_rank";
    }

    @Override
    public boolean allows(RunningJob victim, PendingJob job, boolean withinGuarantee, PassState state) {
        return rankNow(victim, state) > threshold(job, state);
    }

    /**
     * The victim's rank by now, worked out once per pass (speed): a search for room asks it of
     * every victim it weighs, for every job it searches for, and a rank costs a distribution lookup.
     */
    private double rankNow(RunningJob victim, PassState state) {
        Map<RunningJob, Double> ranks = state.memo(RANKS_NOW, s -> new IdentityHashMap<>());
        Double rank = ranks.get(victim);
        if (rank == null) {
            rank = index.rank(victim, state.now());
            ranks.put(victim, rank);
        }
        return rank;
    }

    /** The rank a victim's must exceed for the job to preempt it. */
    private double threshold(PendingJob job, PassState state) {
        return margin * roundedUpRank(job, state);
    }

    /** The job's rank rounded up, worked out once per job and pass (speed). */
    private double roundedUpRank(PendingJob job, PassState state) {
        Map<PendingJob, Double> rounded = state.memo(ROUNDED_UP_RANKS, s -> new IdentityHashMap<>());
        Double rank = rounded.get(job);
        if (rank == null) {
            rank = roundedUp(index.key(job));
            rounded.put(job, rank);
        }
        return rank;
    }

    @Override
    public boolean mayVictimize(RunningJob victim, PassState state) {
        return true;
    }

    @Override
    public boolean mayBenefit(PendingJob job, boolean withinGuarantee, PassState state) {
        return threshold(job, state) < largestRunningRank(state);
    }

    /** Only the job's rank counts, and it is ordered: see {@link #claim}. */
    @Override
    public Object entitlement(PendingJob job, PassState state) {
        return Boolean.TRUE;
    }

    /**
     * The smaller the job's rank (rounded up), the stronger its claim: a job of larger rank is
     * allowed only victims of still larger rank, a subset. The queue serves ranks smallest first,
     * so once no room can be made for a job, none is made for the alike ones behind it.
     */
    @Override
    public double claim(PendingJob job, PassState state) {
        return -roundedUpRank(job, state);
    }

    /** The least power of 2^(1/4) at or above the rank (1 for ranks below 1). */
    private static double roundedUp(double rank) {
        if (rank <= 1) {
            return 1;
        }
        return Math.pow(2, Math.ceil(STEPS_PER_DOUBLING * Math.log(rank) / Math.log(2)) / STEPS_PER_DOUBLING);
    }

    @Override
    public String why(RunningJob victim, PendingJob job) {
        return String.format(java.util.Locale.ROOT, "its Gittins rank (%.0f GPU-s) is far below %s's", index.key(job),
                victim.id());
    }

    /** The largest rank goes first: a job likely to finish soon is spared. */
    @Override
    public int reluctance(RunningJob victim, PassState state) {
        double rank = rankNow(victim, state);
        int doublings = rank < 1 ? 0 : Math.getExponent(rank);
        return Math.max(0, LEVELS - doublings);
    }

    @Override
    public boolean mayAct(PassState state) {
        return largestRunningRank(state) > 0;
    }

    /** One scan of the running jobs per pass: there are at most as many as GPUs. */
    private double largestRunningRank(PassState state) {
        return state.memo(this, s -> {
            double largest = 0;
            for (RunningJob running : s.snapshot().running()) {
                if (running.preemptible()) {
                    largest = Math.max(largest, rankNow(running, s));
                }
            }
            return largest;
        });
    }
}
