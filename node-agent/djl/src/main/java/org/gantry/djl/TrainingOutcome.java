package org.gantry.djl;

import java.nio.file.Path;

/** How a training run ended, short of a failure (those are exceptions). */
sealed interface TrainingOutcome {

    /** Every epoch done and the model written to {@code modelDir}. */
    record Finished(ModelCard card, Path modelDir) implements TrainingOutcome {}

    /**
     * Stopped by a signal before the last epoch; the checkpoint holds {@code checkpointedEpoch}
     * (0: none was written yet), and a new run with the same checkpoint directory continues from it.
     */
    record Stopped(int checkpointedEpoch) implements TrainingOutcome {}
}
