package org.gantry.djl;

/**
 * How one feature is scaled, fitted on the training split: standardised, {@code z = (x - mean) / std},
 * then min-max scaled over the training split's {@code z}, {@code (z - min) / (max - min)}, so
 * training values land in [0, 1]. A constant column gets {@code std} 1 and a range of 1 instead
 * of dividing by zero (it then scales to 0 and carries no weight).
 *
 * @param min the smallest standardised value in the training split
 * @param max the largest standardised value in the training split
 */
public record FeatureScaling(String name, double mean, double std, double min, double max) {

    /** Fits the scaling to the training split's values of one column. */
    static FeatureScaling fit(String name, double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(squares / values.length);
        if (!(std > 0)) {
            std = 1;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            double z = (v - mean) / std;
            min = Math.min(min, z);
            max = Math.max(max, z);
        }
        return new FeatureScaling(name, mean, std, min, max);
    }

    public double apply(double value) {
        double range = max - min;
        return ((value - mean) / std - min) / (range > 0 ? range : 1);
    }
}
