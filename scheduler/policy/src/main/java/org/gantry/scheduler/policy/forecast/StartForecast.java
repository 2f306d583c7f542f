package org.gantry.scheduler.policy.forecast;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.SchedulingPolicy;
import org.gantry.scheduler.policy.state.ClusterState;

/**
 * Start-time estimates for waiting jobs: the queue as it stands, run forward on a private
 * {@link ClusterState} through the same policy, as the simulator replays a trace ({@link ForwardRun}),
 * with the jobs submitted lately arriving again ({@link RecentArrivals}) and every duration told by
 * {@link ForecastDurations}. Three runs give the point (medians) and the 10–90 % range (every
 * duration at its 10th, then its 90th percentile). A job the policy preempts in a run waits again
 * with the work it had left; a run stops once every wanted job has started, nothing runs, or after
 * {@code maxPasses} passes, and expects no more arrivals once it has queued
 * {@link ForwardRun#MAX_EXPECTED_ARRIVALS} of them. Pure: it touches nothing but its inputs, so it
 * runs off the scheduling path (another thread, later).
 */
public final class StartForecast {

    private StartForecast() {}

    /**
     * Estimates for the {@code wanted} waiting jobs (all of them when null) that start within the
     * runs' limits; a job missing from the answer has no estimate (it may never start).
     */
    public static Map<JobId, StartEstimate> estimate(FrozenCluster cluster, SchedulingPolicy policy,
                                                     ForecastDurations durations, Set<JobId> wanted, int maxPasses) {
        return estimate(cluster, policy, durations, RecentArrivals.NONE, wanted, maxPasses);
    }

    /**
     * As {@link #estimate(FrozenCluster, SchedulingPolicy, ForecastDurations, Set, int)}, with the
     * {@code arrivals} expected after now queued as they arrive in every run.
     */
    public static Map<JobId, StartEstimate> estimate(FrozenCluster cluster, SchedulingPolicy policy,
                                                     ForecastDurations durations, RecentArrivals arrivals,
                                                     Set<JobId> wanted, int maxPasses) {
        Map<JobId, Long> point = forward(cluster, policy, durations, arrivals, 0.5, wanted, maxPasses);
        Map<JobId, Long> early = forward(cluster, policy, durations, arrivals, 0.1, point.keySet(), maxPasses);
        Map<JobId, Long> late = forward(cluster, policy, durations, arrivals, 0.9, point.keySet(), maxPasses);
        var estimates = new HashMap<JobId, StartEstimate>();
        point.forEach((job, start) -> {
            long earliest = Math.min(start, early.getOrDefault(job, start));
            long latest = Math.max(start, late.getOrDefault(job, Long.MAX_VALUE));
            estimates.put(job, new StartEstimate(start, earliest, latest));
        });
        return estimates;
    }

    /** The point forecast alone (every duration as the {@code durations} tell its median). */
    public static Map<JobId, Long> points(FrozenCluster cluster, SchedulingPolicy policy, ForecastDurations durations,
                                          RecentArrivals arrivals, Set<JobId> wanted, int maxPasses) {
        return forward(cluster, policy, durations, arrivals, 0.5, wanted, maxPasses);
    }

    /** When each wanted job (every waiting one when null) starts if every duration is its {@code q}-quantile. */
    static Map<JobId, Long> forward(FrozenCluster cluster, SchedulingPolicy policy, ForecastDurations durations,
                                    RecentArrivals arrivals, double q, Set<JobId> wanted, int maxPasses) {
        Set<JobId> followed = wanted != null ? wanted
                : cluster.pending().stream().map(PendingJob::id).collect(Collectors.toSet());
        return new ForwardRun(cluster, policy, durations, q).starts(cluster.now(), arrivals, followed, maxPasses);
    }
}
