package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.gantry.api.Names;

/**
 * Trains a regression MLP with DJL on a CSV dataset and saves it as a new version of model
 * {@code model}: rows with a missing value dropped, features standardised then min-max scaled,
 * ReLU hidden layers, Adam on MSE, MAE on a seeded validation split. The data is either a
 * dataset uploaded through the API ({@code dataset}) or a CSV file on the node
 * ({@code datasetPath}), never both. In JSON: {@code {"kind": "djl-train", "dataset": "houses",
 * "target": "price", "model": "houses", ...}}; the reader fills in the defaults below.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DjlTrainWorkload(String dataset, String datasetPath, String target, String model,
                               List<Integer> hiddenLayers, double learningRate, int epochs, int batchSize,
                               double validationSplit, long seed) implements Workload {
    public static final String KIND = "djl-train";

    public static final List<Integer> DEFAULT_HIDDEN_LAYERS = List.of(32, 16);
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final int DEFAULT_EPOCHS = 100;
    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final double DEFAULT_VALIDATION_SPLIT = 0.2;
    public static final long DEFAULT_SEED = 42;

    public static final int MAX_HIDDEN_LAYERS = 16;
    public static final int MAX_LAYER_WIDTH = 4096;
    public static final int MAX_EPOCHS = 100_000;
    public static final int MAX_BATCH_SIZE = 65_536;
    public static final int MAX_COLUMN_NAME_LENGTH = 256;

    public DjlTrainWorkload {
        if ((dataset == null) == (datasetPath == null)) {
            throw new IllegalArgumentException("name either a dataset or a datasetPath, not both or neither");
        }
        if (dataset != null) {
            Names.require(dataset, "dataset name");
        }
        Objects.requireNonNull(target, "target");
        Names.require(model, "model name");
        hiddenLayers = List.copyOf(hiddenLayers == null ? DEFAULT_HIDDEN_LAYERS : hiddenLayers);
        if (hiddenLayers.size() > MAX_HIDDEN_LAYERS || hiddenLayers.stream().anyMatch(w -> w < 1 || w > MAX_LAYER_WIDTH)) {
            throw new IllegalArgumentException("hidden layers must be at most " + MAX_HIDDEN_LAYERS
                    + " widths between 1 and " + MAX_LAYER_WIDTH + ", got " + hiddenLayers);
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1], got " + learningRate);
        }
        if (epochs < 1 || epochs > MAX_EPOCHS || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("epochs and batch size out of range: " + epochs + ", " + batchSize);
        }
        if (!(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in (0, 1), got " + validationSplit);
        }
    }

    @Override
    public DjlTrainWorkload redacted() {
        return this;
    }
}
