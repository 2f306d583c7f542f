package org.gantry.djl;

/**
 * The target, standardised for training ({@code (y - mean) / std}): Adam's default step suits unit
 * scale, whatever the target's units (house prices in dollars would otherwise need a learning
 * rate of their own). Predictions and errors are turned back into the target's units.
 */
public record TargetScaling(String name, double mean, double std) {

    static TargetScaling fit(String name, double[] values) {
        FeatureScaling moments = FeatureScaling.fit(name, values);
        return new TargetScaling(name, moments.mean(), moments.std());
    }

    public double scale(double value) {
        return (value - mean) / std;
    }

    public double unscale(double scaled) {
        return scaled * std + mean;
    }
}
