package org.gantry.scheduler.sim;

import java.util.ArrayList;
import java.util.List;
import org.gantry.scheduler.policy.forecast.StartEstimate;

/**
 * How good the start times told at submit were, over the jobs that were estimated and waited at
 * least {@link #MIN_WAIT_SECONDS}: the median of |estimated − actual start| / actual wait, the
 * share whose 10–90 % range held the actual start, and, to tell why, the median signed error
 * (negative: told too early) and the median width of the range, both as shares of the wait. NaN
 * where no such job was scored.
 *
 * @param sampledEvery every how many submits a start was estimated
 * @param scored       estimated jobs that started after waiting at least {@link #MIN_WAIT_SECONDS}
 */
public record StartEstimateAccuracy(int sampledEvery, int scored, double medianRelativeError, double rangeHolds,
                                    double medianSignedError, double medianRangeWidth) {
    /** Waits shorter than this are left out: a minute off on a ten-second wait says little. */
    public static final long MIN_WAIT_SECONDS = 300;

    public static final StartEstimateAccuracy NOT_SAMPLED = new StartEstimateAccuracy(0, 0, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    /** One estimated job: when it was submitted, what it was told, and when it first started (-1: never). */
    record Scored(long submitted, StartEstimate told, long started) {}

    static StartEstimateAccuracy of(int sampledEvery, List<Scored> estimated) {
        var errors = new ArrayList<Double>();
        var signed = new ArrayList<Double>();
        var widths = new ArrayList<Double>();
        int held = 0;
        for (Scored job : estimated) {
            long wait = job.started() - job.submitted();
            if (job.started() < 0 || wait < MIN_WAIT_SECONDS) {
                continue;
            }
            signed.add((job.told().start() - job.started()) / (double) wait);
            errors.add(Math.abs(job.told().start() - job.started()) / (double) wait);
            widths.add((job.told().latest() - (double) job.told().earliest()) / wait);
            if (job.told().holds(job.started())) {
                held++;
            }
        }
        if (errors.isEmpty()) {
            return new StartEstimateAccuracy(sampledEvery, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new StartEstimateAccuracy(sampledEvery, errors.size(), median(errors), (double) held / errors.size(),
                median(signed), median(widths));
    }

    private static double median(List<Double> values) {
        values.sort(null);
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }
}
