package org.gantry.scheduler.sim;

import java.util.ArrayList;
import java.util.List;
import org.gantry.scheduler.policy.forecast.StartEstimate;

/**
 * How good the start times told at submit were, over the jobs that were estimated and waited at
 * least {@link #MIN_WAIT_SECONDS}: the median of |estimated − actual start| / actual wait, and the
 * share whose 10–90 % range held the actual start. NaN where no such job was scored.
 *
 * @param sampledEvery every how many submits a start was estimated
 * @param scored       estimated jobs that started after waiting at least {@link #MIN_WAIT_SECONDS}
 */
public record StartEstimateAccuracy(int sampledEvery, int scored, double medianRelativeError, double rangeHolds) {
    /** Waits shorter than this are left out: a minute off on a ten-second wait says little. */
    public static final long MIN_WAIT_SECONDS = 300;

    public static final StartEstimateAccuracy NOT_SAMPLED = new StartEstimateAccuracy(0, 0, Double.NaN, Double.NaN);

    /** One estimated job: when it was submitted, what it was told, and when it first started (-1: never). */
    record Scored(long submitted, StartEstimate told, long started) {}

    static StartEstimateAccuracy of(int sampledEvery, List<Scored> estimated) {
        var errors = new ArrayList<Double>();
        int held = 0;
        for (Scored job : estimated) {
            long wait = job.started() - job.submitted();
            if (job.started() < 0 || wait < MIN_WAIT_SECONDS) {
                continue;
            }
            errors.add(Math.abs(job.told().start() - job.started()) / (double) wait);
            if (job.told().holds(job.started())) {
                held++;
            }
        }
        if (errors.isEmpty()) {
            return new StartEstimateAccuracy(sampledEvery, 0, Double.NaN, Double.NaN);
        }
        errors.sort(null);
        int middle = errors.size() / 2;
        double median = errors.size() % 2 == 1 ? errors.get(middle) : (errors.get(middle - 1) + errors.get(middle)) / 2;
        return new StartEstimateAccuracy(sampledEvery, errors.size(), median, (double) held / errors.size());
    }
}
