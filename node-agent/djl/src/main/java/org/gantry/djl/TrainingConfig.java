package org.gantry.djl;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.gantry.api.job.DjlTrainWorkload;

/**
 * One training run, as the agent writes it to a JSON file for {@link TrainMain}. Defaults are those
 * of the {@code djl-train} workload: hidden layers 32-16, learning rate 0.001, 100 epochs, batches
 * of 32, a fifth held out for validation, seed 42. {@link TrainingConfigReader} reads and validates it.
 *
 * @param dataset        the CSV file (header, numeric cells)
 * @param target         the column to predict; every other column is a feature
 * @param checkpointDir  where the run checkpoints after every epoch, and resumes from
 * @param modelDir       where the finished model is written
 */
public record TrainingConfig(Path dataset, String target, List<Integer> hiddenLayers, double learningRate, int epochs,
                             int batchSize, double validationSplit, long seed, Path checkpointDir, Path modelDir) {
    // The djl-train workload's own defaults and bounds: the API and the trainer cannot drift apart.
    public static final List<Integer> DEFAULT_HIDDEN_LAYERS = DjlTrainWorkload.DEFAULT_HIDDEN_LAYERS;
    public static final double DEFAULT_LEARNING_RATE = DjlTrainWorkload.DEFAULT_LEARNING_RATE;
    public static final int DEFAULT_EPOCHS = DjlTrainWorkload.DEFAULT_EPOCHS;
    public static final int DEFAULT_BATCH_SIZE = DjlTrainWorkload.DEFAULT_BATCH_SIZE;
    public static final double DEFAULT_VALIDATION_SPLIT = DjlTrainWorkload.DEFAULT_VALIDATION_SPLIT;
    public static final long DEFAULT_SEED = DjlTrainWorkload.DEFAULT_SEED;
    public static final int MAX_HIDDEN_LAYERS = DjlTrainWorkload.MAX_HIDDEN_LAYERS;
    public static final int MAX_LAYER_WIDTH = DjlTrainWorkload.MAX_LAYER_WIDTH;
    public static final int MAX_EPOCHS = DjlTrainWorkload.MAX_EPOCHS;
    public static final int MAX_BATCH_SIZE = DjlTrainWorkload.MAX_BATCH_SIZE;

    public TrainingConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(target, "target");
        hiddenLayers = List.copyOf(hiddenLayers);
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(modelDir, "modelDir");
    }

    /** The same run asked to go to {@code epochs} (a test stops a run early this way). */
    public TrainingConfig withEpochs(int epochs) {
        return new TrainingConfig(dataset, target, hiddenLayers, learningRate, epochs, batchSize, validationSplit, seed,
                checkpointDir, modelDir);
    }
}
