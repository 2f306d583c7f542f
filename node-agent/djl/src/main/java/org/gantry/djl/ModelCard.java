package org.gantry.djl;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code model.json}, what a model directory says about its model: the target, the features in the
 * order the network reads them, the architecture, the fitted preprocessing, the validation
 * metrics in the target's own units, and when it was made. The model's name and version are the
 * control plane's business (the registry), not the artifact's.
 *
 * @param parameters the parameter file's name, beside {@code model.json}
 */
public record ModelCard(int format, String target, List<String> features, List<Integer> hiddenLayers,
                        Preprocessing preprocessing, Metrics metrics, Rows rows, int epochs, Instant createdAt,
                        String parameters) {
    public static final String FILE = "model.json";
    public static final int FORMAT = 1;

    public ModelCard {
        Objects.requireNonNull(target, "target");
        features = List.copyOf(features);
        hiddenLayers = hiddenLayers == null ? List.of() : List.copyOf(hiddenLayers);
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(parameters, "parameters");
        if (!features.equals(preprocessing.featureNames())) {
            throw new IllegalArgumentException("features " + features + " differ from the preprocessing's "
                    + preprocessing.featureNames());
        }
    }

    /** Errors on the validation split, in the target's units; {@code trainLoss} is the last epoch's training MSE. */
    public record Metrics(double validationMae, double validationMse, double trainLoss) {}

    /** Rows trained on, held out for validation, and dropped for a missing value. */
    public record Rows(int training, int validation, int dropped) {}
}
