package org.gantry.scheduler.control;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.SchedulingPolicy;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.forecast.ForecastDurations;
import org.gantry.scheduler.policy.forecast.FrozenCluster;
import org.gantry.scheduler.policy.forecast.StartEstimate;
import org.gantry.scheduler.policy.forecast.StartForecast;

/**
 * The scheduler's start-time estimates for waiting jobs, recomputed in the background: at most
 * one forecast in flight, each starting {@link #EVERY_MILLIS} or more after the last one ended (so
 * a long forecast keeps at most about half a core busy), each over a copy of the view
 * taken between passes ({@link FrozenCluster}) and run on the common pool, never in a pass. Owned
 * by the scheduler actor; the answers of {@code GET /queue} and explain read the latest.
 */
final class StartForecasts {
    /** How often the queue is run forward at most: estimates a few seconds old are good enough. */
    static final long EVERY_MILLIS = 10_000;
    /** A bound on one forecast's passes, so a very long queue costs a bounded slice of one core. */
    static final int MAX_PASSES = 20_000;

    private Map<JobId, StartEstimate> latest = Map.of();
    private boolean inFlight;
    private long lastEndedMillis = Long.MIN_VALUE / 2;

    /** Whether a forecast should start now. */
    boolean due(long nowMillis, boolean anyoneWaits) {
        return anyoneWaits && !inFlight && nowMillis - lastEndedMillis >= EVERY_MILLIS;
    }

    /** Starts a forecast over the snapshot, copied here on the caller's thread; its answer comes through the stage. */
    CompletionStage<Map<JobId, StartEstimate>> start(Snapshot snapshot, SchedulingPolicy policy) {
        FrozenCluster frozen = FrozenCluster.of(snapshot);
        inFlight = true;
        return CompletableFuture.supplyAsync(() -> StartForecast.estimate(frozen, policy,
                ForecastDurations.fromEstimatesAndOutlooks(), null, MAX_PASSES));
    }

    /** A forecast finished (or failed: then {@code estimates} is empty). */
    void done(Map<JobId, StartEstimate> estimates, long nowMillis) {
        inFlight = false;
        lastEndedMillis = nowMillis;
        latest = Map.copyOf(estimates);
    }

    /** The latest estimate for the job, or null. */
    StartEstimate of(JobId job) {
        return latest.get(job);
    }
}
