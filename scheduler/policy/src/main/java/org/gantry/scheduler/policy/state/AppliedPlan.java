package org.gantry.scheduler.policy.state;

import java.util.List;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;

/**
 * What {@link PlanApplier} did with a plan: the jobs it started, the victims it stopped (as they
 * ran until now) and how those wait again, the jobs it restarted at a new width, and the
 * decisions it refused because they no longer fit the state.
 */
public record AppliedPlan(List<RunningJob> started, List<RunningJob> stopped, List<PendingJob> requeued,
                          List<RunningJob> resized, List<Refusal> refused) {
    public AppliedPlan {
        started = List.copyOf(started);
        stopped = List.copyOf(stopped);
        requeued = List.copyOf(requeued);
        resized = List.copyOf(resized);
        refused = List.copyOf(refused);
    }

    /** The kinds of decision a plan holds. */
    public enum Decision { PLACE, PREEMPT, RESIZE }

    /** A decision left out, and the first reason it did not fit. */
    public record Refusal(JobId job, Decision decision, PlacementCheck why) {}
}
