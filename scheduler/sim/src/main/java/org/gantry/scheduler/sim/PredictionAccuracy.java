package org.gantry.scheduler.sim;

import java.util.List;

/**
 * How good the durations told to a policy were: the median absolute log error (0.69 means "off by
 * a factor of 2" for the median job) and how often a job was predicted shorter than it ran.
 */
public record PredictionAccuracy(double medianAbsLogError, double underestimateRate) {
    public static final PredictionAccuracy NOT_APPLICABLE = new PredictionAccuracy(Double.NaN, Double.NaN);

    public static PredictionAccuracy of(List<JobOutcome> outcomes) {
        double[] errors = outcomes.stream().filter(o -> o.predictedSeconds() > 0)
                .mapToDouble(o -> Math.abs(Math.log((double) o.predictedSeconds() / o.job().durationSeconds())))
                .sorted().toArray();
        if (errors.length == 0) {
            return NOT_APPLICABLE;
        }
        long under = outcomes.stream()
                .filter(o -> o.predictedSeconds() > 0 && o.predictedSeconds() < o.job().durationSeconds()).count();
        return new PredictionAccuracy(median(errors), (double) under / errors.length);
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
