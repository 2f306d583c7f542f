package org.gantry.scheduler.policy.forecast;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.gantry.api.job.JobId;

/**
 * Corrects the forecast's systematic bias, learned online from jobs that have started. A forecast
 * runs the queue as it stands, so jobs that arrive later and rank ahead push real starts later
 * than the forecast says. Each job's first forecast wait is kept; when the job starts, its actual
 * wait over that forecast wait is one observation. The point of later estimates is the forecast
 * wait stretched by the median of the last {@link #WINDOW} observations (the range widened to hold
 * it), once there are {@link #MIN_OBSERVATIONS}. Only what production knows is used: its own past
 * forecasts and the starts it saw. Not thread-safe: one owner (the scheduler actor, the simulator)
 * tells it what happened, in time order.
 */
public final class StartCalibration {
    /** Recent starts weigh in; older ones age out as the load changes. */
    static final int WINDOW = 200;
    /** Fewer observations than this leave the forecast as it is. */
    static final int MIN_OBSERVATIONS = 10;
    /** A forecast wait shorter than this says little about the forecast's bias, so it is not learned from. */
    static final long MIN_FORECAST_WAIT_SECONDS = 60;
    /** The stretch stays within these bounds, so a burst of odd starts cannot make estimates absurd. */
    static final double MIN_STRETCH = 0.5;
    static final double MAX_STRETCH = 4.0;

    private final Map<JobId, Told> told = new HashMap<>();
    private final double[] ratios = new double[WINDOW];
    private int observed;

    /** When the job was first told its start, and the forecast wait it was told (before calibration). */
    private record Told(long at, long forecastWait) {}

    /** The forecast (uncalibrated) told at {@code now}; only each job's first is kept. */
    public void told(JobId job, long now, StartEstimate forecast) {
        long wait = forecast.start() - now;
        if (wait >= MIN_FORECAST_WAIT_SECONDS) {
            told.putIfAbsent(job, new Told(now, wait));
        }
    }

    /** The job started at {@code at}: its first forecast, if any, becomes an observation. */
    public void started(JobId job, long at) {
        Told first = told.remove(job);
        if (first != null) {
            ratios[observed++ % WINDOW] = Math.max(0, at - first.at()) / (double) first.forecastWait();
        }
    }

    /** Jobs no longer waiting nor started (cancelled, gone) are forgotten; {@code waiting} are kept. */
    public void retainWaiting(Set<JobId> waiting) {
        told.keySet().retainAll(waiting);
    }

    /** Whether the job's first forecast is still waiting to be scored. */
    public boolean remembers(JobId job) {
        return told.containsKey(job);
    }

    /** How much forecast waits are stretched now: the median observed ratio, 1 until enough are observed. */
    public double stretch() {
        int count = Math.min(observed, WINDOW);
        if (count < MIN_OBSERVATIONS) {
            return 1.0;
        }
        double[] sorted = Arrays.copyOf(ratios, count);
        Arrays.sort(sorted);
        double median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        return Math.max(MIN_STRETCH, Math.min(MAX_STRETCH, median));
    }

    /** The forecast made at {@code now}, its wait stretched; the range is widened to hold the new point. */
    public StartEstimate calibrated(long now, StartEstimate forecast) {
        long wait = forecast.start() - now;
        if (wait <= 0) {
            return forecast;
        }
        long start = now + Math.round(wait * stretch());
        return new StartEstimate(start, Math.min(forecast.earliest(), start), Math.max(forecast.latest(), start));
    }

    /** Every forecast of one run, told and calibrated: the estimates to show. */
    public Map<JobId, StartEstimate> tellAndCalibrate(long now, Map<JobId, StartEstimate> forecasts) {
        var shown = new HashMap<JobId, StartEstimate>();
        forecasts.forEach((job, forecast) -> {
            told(job, now, forecast);
            shown.put(job, calibrated(now, forecast));
        });
        return shown;
    }
}
