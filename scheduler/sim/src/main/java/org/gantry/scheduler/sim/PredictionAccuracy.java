package org.gantry.scheduler.sim;

import java.util.List;

/**
 * How good the durations told to a policy were: the median absolute log error (0.69 means "off by
 * a factor of 2" for the median job), how often a job was predicted shorter than it ran, and how
 * often its duration fell inside the 10–90% range predicted for it (0.8 when calibrated; NaN when
 * no range was predicted).
 */
public record PredictionAccuracy(double medianAbsLogError, double underestimateRate, double calibration) {
    public static final PredictionAccuracy NOT_APPLICABLE = new PredictionAccuracy(Double.NaN, Double.NaN,
            Double.NaN);

    public static PredictionAccuracy of(List<JobOutcome> outcomes) {
        double[] errors = outcomes.stream().filter(o -> o.predictedSeconds() > 0)
                .mapToDouble(o -> Math.abs(Math.log((double) o.predictedSeconds() / o.job().durationSeconds())))
                .sorted().toArray();
        if (errors.length == 0) {
            return NOT_APPLICABLE;
        }
        long under = outcomes.stream()
                .filter(o -> o.predictedSeconds() > 0 && o.predictedSeconds() < o.job().durationSeconds()).count();
        long ranged = outcomes.stream().filter(o -> o.predictedP10Seconds() > 0).count();
        long inside = outcomes.stream().filter(o -> o.predictedP10Seconds() > 0
                && o.predictedP10Seconds() <= o.job().durationSeconds()
                && o.job().durationSeconds() <= o.predictedP90Seconds()).count();
        return new PredictionAccuracy(median(errors), (double) under / errors.length,
                ranged == 0 ? Double.NaN : (double) inside / ranged);
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
