package org.gantry.scheduler.policy.reclaim;

import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;

/**
 * Preemptive shortest-remaining-work: a waiting job preempts running jobs with more than
 * {@code margin} times its GPU-time left (GPUs × seconds to their estimated end). Only as good as
 * the estimates, so Gantry uses it only in the simulator, with true durations, as a near-ideal
 * yardstick ({@code srpt-oracle}); the margin keeps near-equals from preempting each other.
 */
public record ShorterRemainingWork(double margin) implements VictimRule {
    @Override
    public boolean allows(RunningJob victim, PendingJob job, boolean withinGuarantee, PassState state) {
        return remainingWork(victim, state) > margin * job.gpus().min() * (double) job.estimatedSeconds();
    }

    @Override
    public boolean mayVictimize(RunningJob victim, PassState state) {
        return true;
    }

    @Override
    public boolean mayBenefit(PendingJob job, boolean withinGuarantee, PassState state) {
        return true;
    }

    @Override
    public Object entitlement(PendingJob job, PassState state) {
        return job.gpus().min() * (double) job.estimatedSeconds();
    }

    @Override
    public String code() {
        return "shorter_remaining_work";
    }

    @Override
    public String why(RunningJob victim, PendingJob job) {
        return "it has much less work left than " + victim.id();
    }

    @Override
    public boolean mayAct(PassState state) {
        return !state.snapshot().running().isEmpty();
    }

    private static double remainingWork(RunningJob victim, PassState state) {
        return (double) Math.max(0, victim.estimatedEnd() - state.now()) * victim.gpuCount();
    }
}
