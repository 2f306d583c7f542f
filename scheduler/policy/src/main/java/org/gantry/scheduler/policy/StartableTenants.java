package org.gantry.scheduler.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.quota.TenantPool;

/**
 * Which tenants could still start something in this pass. When a tenant's job of {@code g}
 * GPUs cannot start for a reason that only gets worse with size (quota, or no room even with
 * reclaim), none of its later jobs of {@code g} or more GPUs can start either, for the rest of
 * the walk: free GPUs only get scarcer as it goes on, and usage only grows, except where a
 * preemption or shrink gives some back (their GPUs are not free until the victim has stopped,
 * and the tenant's jobs get their chance in the next pass). Once that covers every tenant's
 * smallest waiting job, the walk can stop, whatever the length of the queue.
 *
 * <p>Only jobs without placement constraints teach it anything: a constrained job failing says
 * nothing about jobs that could run elsewhere.
 */
final class StartableTenants {
    /** Reasons that hold for every larger job of the same tenant for the rest of the pass. */
    private static final Set<PendingReason> MONOTONE = EnumSet.of(PendingReason.NEVER_FITS, PendingReason.QUOTA, PendingReason.FAIR_SHARE,
            PendingReason.NO_MATCHING_NODE, PendingReason.INSUFFICIENT_GPUS, PendingReason.RESERVED);

    /** What {@link #knownStuck} answers for a job set aside for the second walk: skip it, explain nothing. */
    static final Explanation SET_ASIDE = Explanation.of(PendingReason.QUOTA, "would borrow; decided after guaranteed work");

    private final PendingQueue queue;
    /**
     * Per tenant, each time it got stuck from a smaller size, in walk order; the last one says from
     * which size its later jobs cannot start, and why (a null reason: set aside for the second walk).
     */
    private final Map<TenantPool, List<TenantVerdicts.Decision>> decisions = new HashMap<>();
    private int tenantsLeft;

    StartableTenants(PendingQueue queue) {
        this.queue = queue;
        this.tenantsLeft = queue.waitingGpus().size();
    }

    /** Why this job cannot start, known from an earlier job of its tenant; null when it must be tried. */
    Explanation knownStuck(PendingJob job) {
        TenantVerdicts.Decision latest = latest(job.owner());
        if (latest == null || job.gpus().min() < latest.fromGpus() || !job.constraints().isEmpty()) {
            return null;
        }
        return latest.why() == null ? SET_ASIDE : latest.explain(job);
    }

    private TenantVerdicts.Decision latest(TenantPool owner) {
        List<TenantVerdicts.Decision> owned = decisions.get(owner);
        return owned == null ? null : owned.get(owned.size() - 1);
    }

    /**
     * The job could not start, for {@code why}, on {@code facts}; remember what that means for the
     * tenant's later jobs (told with their own sizes, see {@link TenantVerdicts.Decision#explain}).
     */
    void couldNotStart(PendingJob job, Explanation why, WaitFacts facts, boolean refusalGrowsWithSize) {
        if (refusalGrowsWithSize) {
            stuck(job, why, facts);
        }
    }

    /** Whether the job failing for {@code why} tells something new about its tenant's later jobs. */
    private boolean teaches(PendingJob job, Explanation why) {
        return MONOTONE.contains(why.reason()) && mayTeach(job);
    }

    /** What {@link #teaches} asks of the job whatever the reason: unconstrained, smaller than its tenant's verdicts so far. */
    private boolean mayTeach(PendingJob job) {
        if (!job.constraints().isEmpty()) {
            return false;
        }
        TenantVerdicts.Decision before = latest(job.owner());
        return before == null || before.fromGpus() > job.gpus().min();
    }

    /** An earlier walk of this pass decided the job: that holds for the tenant's later jobs here too. */
    void decidedEarlier(PendingJob job, TenantVerdicts.Decision earlier) {
        if (mayTeach(job)) { // most skipped jobs teach nothing: their words are not worth composing
            stuck(job, earlier.explain(job), earlier.facts());
        }
    }

    private void stuck(PendingJob job, Explanation why, WaitFacts facts) {
        if (!teaches(job, why)) {
            return;
        }
        int size = job.gpus().min();
        TenantVerdicts.Decision before = latest(job.owner());
        int smallest = queue.smallestWaitingGpus(job.owner());
        boolean wasStuck = before != null && before.fromGpus() <= smallest;
        decisions.computeIfAbsent(job.owner(), owner -> new ArrayList<>(2))
                .add(new TenantVerdicts.Decision(job, size, why == SET_ASIDE ? null : why, facts));
        if (!wasStuck && size <= smallest) {
            tenantsLeft--;
        }
    }

    /**
     * The job would borrow, and the first walk starts only guaranteed work: the tenant's jobs of
     * this size and larger wait for the second walk. They say nothing to explain (see {@link #SET_ASIDE}).
     */
    void setAside(PendingJob job) {
        couldNotStart(job, SET_ASIDE, null, true);
    }

    /** Whether none of the tenant's waiting jobs (without placement constraints) could start in the rest of this walk. */
    boolean fullyStuck(TenantPool owner) {
        TenantVerdicts.Decision latest = latest(owner);
        return latest != null && latest.fromGpus() <= queue.smallestWaitingGpus(owner);
    }

    /** Per tenant, what this walk decided for the jobs it skipped or would have explained as stuck. */
    Map<TenantPool, List<TenantVerdicts.Decision>> decisions() {
        return decisions;
    }

    /** Whether no tenant with waiting jobs could start any of them in the rest of this pass. */
    boolean noneLeft() {
        return tenantsLeft <= 0;
    }
}
