package org.gantry.scheduler.policy.reclaim;

import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;

/** A tenant's higher-priority job may preempt the same tenant's lower-priority work: its own business. */
public record HigherPriorityWithinTenant() implements VictimRule {
    @Override
    public boolean allows(RunningJob victim, PendingJob job, boolean withinGuarantee, PassState state) {
        return victim.owner().tenant().equals(job.owner().tenant()) && victim.priority() < job.priority();
    }

    @Override
    public boolean mayVictimize(RunningJob victim, PassState state) {
        return victim.priority() < highestWaitingPriority(state);
    }

    /** Jobs of lower priority than the highest waiting one, from the running jobs' priority index. */
    @Override
    public Iterable<RunningJob> victims(PassState state) {
        return state.snapshot().running().preemptibleBelow(highestWaitingPriority(state));
    }

    @Override
    public boolean mayBenefit(PendingJob job, boolean withinGuarantee, PassState state) {
        return job.priority() > lowestRunningPriority(state);
    }

    @Override
    public Object entitlement(PendingJob job, PassState state) {
        return job.priority();
    }

    @Override
    public String code() {
        return "higher_priority";
    }

    @Override
    public String why(RunningJob victim, PendingJob job) {
        return "higher priority, same tenant";
    }

    @Override
    public boolean mayAct(PassState state) {
        return lowestRunningPriority(state) < highestWaitingPriority(state);
    }

    private static int highestWaitingPriority(PassState state) {
        var first = state.snapshot().queue().iterator();
        return first.hasNext() ? first.next().priority() : Integer.MIN_VALUE; // the queue puts higher priorities first
    }

    private static int lowestRunningPriority(PassState state) {
        return state.snapshot().running().lowestPreemptiblePriority();
    }
}
