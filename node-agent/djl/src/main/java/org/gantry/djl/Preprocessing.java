package org.gantry.djl;

import java.util.List;

/**
 * The fitted preprocessing a model carries: one {@link FeatureScaling} per feature, in the order the
 * model reads them, and the target's {@link TargetScaling}. Saved in {@code model.json}, so serving
 * applies exactly what training fitted.
 */
public record Preprocessing(List<FeatureScaling> features, TargetScaling target) {
    public Preprocessing {
        features = List.copyOf(features);
    }

    public List<String> featureNames() {
        return features.stream().map(FeatureScaling::name).toList();
    }

    /** Scales one row of raw feature values (in {@link #features} order) into {@code out} at {@code offset}. */
    void scaleInto(double[] raw, float[] out, int offset) {
        for (int f = 0; f < raw.length; f++) {
            out[offset + f] = (float) features.get(f).apply(raw[f]);
        }
    }
}
