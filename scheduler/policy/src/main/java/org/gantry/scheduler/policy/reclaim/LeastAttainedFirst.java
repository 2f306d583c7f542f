package org.gantry.scheduler.policy.reclaim;

import java.util.List;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.order.LeastAttainedService;

/**
 * Tiresias' preemption: a waiting job in a less-served queue preempts running jobs that have
 * already received more service (a later queue), whatever their tenant. Jobs in the same queue
 * never preempt each other, which keeps the churn down.
 */
public record LeastAttainedFirst(LeastAttainedService queues) implements VictimRule {
    @Override
    public boolean allows(RunningJob victim, PendingJob job, boolean withinGuarantee, PassState state) {
        return queues.queueOf(victim.attainedAt(state.now())) > queues.queueOf(job.attainedGpuSeconds());
    }

    @Override
    public boolean mayVictimize(RunningJob victim, PassState state) {
        return queues.queueOf(victim.attainedAt(state.now())) > 0;
    }

    /** Jobs past the first queue's bound, from the running jobs' service index. */
    @Override
    public Iterable<RunningJob> victims(PassState state) {
        double[] bounds = queues.thresholds();
        return bounds.length == 0 ? List.of() : state.snapshot().running().servedAtLeast(bounds[0], state.now());
    }

    @Override
    public boolean mayBenefit(PendingJob job, boolean withinGuarantee, PassState state) {
        return queues.queueOf(job.attainedGpuSeconds()) < highestRunningQueue(state);
    }

    /** Only the job's queue counts, not its exact service. */
    @Override
    public Object entitlement(PendingJob job, PassState state) {
        return queues.queueOf(job.attainedGpuSeconds());
    }

    @Override
    public String code() {
        return "least_attained_service";
    }

    @Override
    public String why(RunningJob victim, PendingJob job) {
        return "it has had less GPU service than " + victim.id();
    }

    /** Tiresias takes victims from the most-served queue first: a job that has had little service is spared. */
    @Override
    public int reluctance(RunningJob victim, PassState state) {
        return queues.queueCount() - 1 - queues.queueOf(victim.attainedAt(state.now()));
    }

    @Override
    public boolean mayAct(PassState state) {
        return highestRunningQueue(state) > 0;
    }

    private int highestRunningQueue(PassState state) {
        return state.memo(this, s -> queues.queueOf(s.snapshot().running().mostAttainedAt(s.now())));
    }
}
