package org.gantry.scheduler.policy.state;

import java.util.ArrayList;
import java.util.function.ToLongFunction;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.policy.RunningJob;

/**
 * Applies a {@link Plan} to a {@link ClusterState} at once, the one way the simulator, the
 * benchmark and start forecasts do it: preemptions first (the victim lets go of its GPUs and,
 * as the caller's {@link Terms} say, waits again), then resizes (a restart at the new width with
 * the service had), then placements (the waiting job starts). Every decision is checked against
 * the state first; one that no longer fits is refused and left out, never half-applied. It does
 * nothing else: what happened comes back as an {@link AppliedPlan} for the caller's own side
 * effects (completions to schedule, violations to count). The scheduler actor starts placements
 * the same way ({@link ClusterState#start(Placement, long, long)}), but its preemptions and
 * resizes wait for the job's entity, so it applies those when their records arrive.
 */
public final class PlanApplier {
    private PlanApplier() {}

    /**
     * What only the caller knows about the jobs a plan starts and stops.
     *
     * @param checkpointEverySeconds how often a job started now checkpoints, in seconds (0: never)
     * @param requeued               what a preempted job, already released, waits as from now on,
     *                               or null when it leaves the state (a forecast does not follow restarts)
     */
    public record Terms(ToLongFunction<PendingJob> checkpointEverySeconds, Requeue requeued) {}

    /** How a preempted job waits again. */
    @FunctionalInterface
    public interface Requeue {
        PendingJob waitAgain(RunningJob victim, long now);
    }

    /** Applies the plan, made on the state's latest snapshot, at {@code now}. */
    public static AppliedPlan apply(ClusterState state, Plan plan, long now, Terms terms) {
        state.requireCurrent(plan);
        var stopped = new ArrayList<RunningJob>();
        var requeued = new ArrayList<PendingJob>();
        var resized = new ArrayList<RunningJob>();
        var started = new ArrayList<RunningJob>();
        var refused = new ArrayList<AppliedPlan.Refusal>();
        for (Preemption preemption : plan.preemptions()) {
            RunningJob victim = state.release(preemption.victim());
            if (victim == null) {
                refused.add(new AppliedPlan.Refusal(preemption.victim(), AppliedPlan.Decision.PREEMPT,
                        PlacementCheck.NOT_RUNNING));
                continue;
            }
            stopped.add(victim);
            PendingJob again = terms.requeued().waitAgain(victim, now);
            if (again != null) {
                state.enqueue(again);
                requeued.add(again);
            }
        }
        for (Resize resize : plan.resizes()) {
            PlacementCheck check = state.check(resize);
            if (check != PlacementCheck.FITS) {
                refused.add(new AppliedPlan.Refusal(resize.job(), AppliedPlan.Decision.RESIZE, check));
                continue;
            }
            RunningJob restarted = restartedAt(state.release(resize.job()), resize, now);
            state.hold(restarted);
            resized.add(restarted);
        }
        for (Placement placement : plan.placements()) {
            PlacementCheck check = state.check(placement);
            if (check != PlacementCheck.FITS) {
                refused.add(new AppliedPlan.Refusal(placement.job(), AppliedPlan.Decision.PLACE, check));
                continue;
            }
            PendingJob job = state.waiting(placement.job());
            started.add(state.start(placement, now, terms.checkpointEverySeconds().applyAsLong(job)));
        }
        return new AppliedPlan(started, stopped, requeued, resized, refused);
    }

    /**
     * A resized job as production restarts it: from its checkpoint at the new width, from now,
     * with the service it had, its estimate running again from the restart.
     */
    private static RunningJob restartedAt(RunningJob before, Resize resize, long now) {
        long estimate = Math.max(1, before.estimatedEnd() - before.allocatedAt());
        return new RunningJob(before.id(), before.owner(), before.gpus(), resize.to(), before.priority(),
                before.preemptible(), now, now, before.checkpointEverySeconds(), now + estimate, false,
                before.attainedAt(now), before.outlook());
    }
}
