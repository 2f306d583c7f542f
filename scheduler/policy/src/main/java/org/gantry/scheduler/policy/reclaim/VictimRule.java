package org.gantry.scheduler.policy.reclaim;

import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;

/**
 * Who may be preempted for whom: one reason per rule (reclaiming borrowed GPUs, priority within
 * a tenant, least attained service, shorter work first). {@link ShrinkThenPreempt} takes the
 * cheapest victims any of its rules allows; rules never pick victims themselves.
 */
public interface VictimRule {
    /** May {@code victim} be preempted so that {@code job} (within its guarantee or not) can start? */
    boolean allows(RunningJob victim, PendingJob job, boolean withinGuarantee, PassState state);

    /** Whether this rule could allow preempting this job for anyone in this pass: offers are collected only for those. */
    boolean mayVictimize(RunningJob victim, PassState state);

    /**
     * The running jobs {@link #mayVictimize} could accept in this pass (it may return more; every
     * preemptible job that started by now and that it accepts must be among them), found through
     * the running jobs' indexes, so that offers are collected without a scan. Each at most once (a
     * job two rules both name is weeded out, one a rule named twice is not). All of them by default.
     */
    default Iterable<RunningJob> victims(PassState state) {
        return state.snapshot().running();
    }

    /**
     * False only when {@link #allows} is false for this job whatever the victim, so a search for
     * room need not collect this rule's victims. Unlike {@link #mayBenefit}, a hint that may also
     * be false for a job the rule would let preempt someone, this must never be wrong that way.
     */
    default boolean mayAllowAny(PendingJob job, boolean withinGuarantee) {
        return true;
    }

    /** Whether this rule could let this job preempt anyone at all: a cheap check before searching nodes. */
    boolean mayBenefit(PendingJob job, boolean withinGuarantee, PassState state);

    /** Why it allowed this preemption, in words for the victim's record ("reclaiming GPUs tenant b borrowed"). */
    String why(RunningJob victim, PendingJob job);

    /** The rule as a short fixed code ("reclaim_borrowed"): what metrics count preemptions by. */
    String code();

    /**
     * Whether this rule could still let some waiting job preempt someone in this pass. Asked before
     * every job once the cluster is full, so it must be cheap (memoise per pass through the state).
     */
    boolean mayAct(PassState state);

    /**
     * How much this rule would rather spare the victim, whoever preempts it: among victims that
     * make room, the least spared go first, and only then the least lost work decides. 0 by default;
     * never negative (the search for room stops once the offers left cost more than its best find).
     */
    default int reluctance(RunningJob victim, PassState state) {
        return 0;
    }

    /**
     * What about the job this rule's answers depend on, besides its tenant, pool, constraints,
     * size and whether it is within its guarantee: jobs alike in all of that are allowed the same
     * victims, so once room cannot be made for one, a pass need not search again for the others.
     * By default the job itself (no two jobs alike).
     */
    default Object entitlement(PendingJob job, PassState state) {
        return job.id();
    }

    /**
     * How strong the job's claim on victims is, where this rule orders its entitlements: a job
     * alike in every other way (see {@link #entitlement}) whose claim is no stronger is allowed no
     * victim that this one is not. So once room cannot be made for a job, a pass need not search
     * again for later jobs alike with claims no stronger, nor for larger ones. 0 by default (a rule
     * whose entitlement says it all).
     */
    default double claim(PendingJob job, PassState state) {
        return 0;
    }

    /** The victim is being preempted (rules that count what they took adjust here). */
    default void preempted(RunningJob victim, PassState state) {}
}
