package org.gantry.scheduler.policy.reclaim;

import org.gantry.api.tenant.PoolQuota;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;

/**
 * Narrows another rule to what quotas allow. Always: a tenant's own work, or GPUs another tenant
 * borrowed. With {@code strict} that is all (another tenant's guaranteed work is never preempted,
 * whatever the inner rule says); without, a job within its own guarantee may also preempt
 * another tenant's guaranteed work, but borrowed work never displaces guaranteed work, which would
 * only take its GPUs straight back on the next pass.
 *
 * <p>With {@code openWithoutQuotas}, a strict rule still lets a job within its guarantee preempt
 * work whose tenant's guarantee is unlimited (quotas switched off, the simulator's
 * {@code --quota none}): such a guarantee promises no GPUs in particular, and taking it as one
 * would confine every preemption to a tenant's own jobs.
 */
public record RespectingGuarantees(VictimRule inner, ReclaimBorrowed borrowed, boolean strict,
                                   boolean openWithoutQuotas) implements VictimRule {
    /** Strict or not, and an unlimited guarantee counts as one (see the class comment). */
    public RespectingGuarantees(VictimRule inner, ReclaimBorrowed borrowed, boolean strict) {
        this(inner, borrowed, strict, false);
    }

    @Override
    public boolean allows(RunningJob victim, PendingJob job, boolean withinGuarantee, PassState state) {
        return inner.allows(victim, job, withinGuarantee, state) && permitted(victim, job, withinGuarantee, state);
    }

    @Override
    public boolean mayVictimize(RunningJob victim, PassState state) {
        return inner.mayVictimize(victim, state);
    }

    @Override
    public Iterable<RunningJob> victims(PassState state) {
        return inner.victims(state);
    }

    @Override
    public boolean mayAllowAny(PendingJob job, boolean withinGuarantee) {
        return inner.mayAllowAny(job, withinGuarantee);
    }

    @Override
    public boolean mayBenefit(PendingJob job, boolean withinGuarantee, PassState state) {
        return inner.mayBenefit(job, withinGuarantee, state);
    }

    @Override
    public Object entitlement(PendingJob job, PassState state) {
        return inner.entitlement(job, state);
    }

    @Override
    public double claim(PendingJob job, PassState state) {
        return inner.claim(job, state);
    }

    @Override
    public String code() {
        return inner.code();
    }

    @Override
    public String why(RunningJob victim, PendingJob job) {
        return inner.why(victim, job);
    }

    @Override
    public boolean mayAct(PassState state) {
        return inner.mayAct(state);
    }

    @Override
    public int reluctance(RunningJob victim, PassState state) {
        return inner.reluctance(victim, state);
    }

    @Override
    public void preempted(RunningJob victim, PassState state) {
        inner.preempted(victim, state);
    }

    private boolean permitted(RunningJob victim, PendingJob job, boolean withinGuarantee, PassState state) {
        return victim.owner().tenant().equals(job.owner().tenant()) || borrowed.isBorrowed(victim, state)
                || (!strict && withinGuarantee)
                || (openWithoutQuotas && withinGuarantee && guaranteesAreUnlimited(victim, state));
    }

    private static boolean guaranteesAreUnlimited(RunningJob victim, PassState state) {
        return state.quota().quota(victim.owner()).guaranteed() == PoolQuota.UNLIMITED;
    }
}
