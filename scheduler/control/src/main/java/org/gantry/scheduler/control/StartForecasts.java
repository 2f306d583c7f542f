package org.gantry.scheduler.control;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.SchedulingPolicy;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.forecast.ForecastDurations;
import org.gantry.scheduler.policy.forecast.FrozenCluster;
import org.gantry.scheduler.policy.forecast.RecentArrivals;
import org.gantry.scheduler.policy.forecast.StartEstimate;
import org.gantry.scheduler.policy.forecast.StartForecast;

/**
 * The scheduler's start-time estimates for waiting jobs, recomputed in the background as often
 * as {@link ForecastPacing} allows (every 10 s, less often when a forecast takes long), each over
 * a copy of the view taken between passes ({@link FrozenCluster}) and run on the common pool,
 * never in a pass, with the jobs submitted lately expected to keep coming ({@link RecentArrivals}).
 * Owned by the scheduler actor; the answers of {@code GET /queue} and explain read the latest.
 */
final class StartForecasts {
    /** A bound on one forecast's passes, so a very long queue costs a bounded slice of one core. */
    static final int MAX_PASSES = 20_000;

    private Map<JobId, StartEstimate> latest = Map.of();
    private final ForecastPacing pacing = new ForecastPacing();

    /** Whether a forecast should start now. */
    boolean due(long nowMillis, boolean anyoneWaits) {
        return pacing.due(nowMillis, anyoneWaits);
    }

    /** Starts a forecast over the snapshot, copied here on the caller's thread; its answer comes through the stage. */
    CompletionStage<Map<JobId, StartEstimate>> start(Snapshot snapshot, RecentArrivals arrivals,
                                                     SchedulingPolicy policy, long nowMillis) {
        pacing.started(nowMillis);
        FrozenCluster frozen = FrozenCluster.of(snapshot);
        return CompletableFuture.supplyAsync(() -> StartForecast.estimate(frozen, policy,
                ForecastDurations.fromEstimatesAndOutlooks(), arrivals, null, MAX_PASSES));
    }

    /** A forecast finished (or failed: then {@code estimates} is empty). */
    void done(Map<JobId, StartEstimate> estimates, long nowMillis) {
        pacing.ended(nowMillis);
        latest = Map.copyOf(estimates);
    }

    /** The latest estimate for the job, or null. */
    StartEstimate of(JobId job) {
        return latest.get(job);
    }
}
