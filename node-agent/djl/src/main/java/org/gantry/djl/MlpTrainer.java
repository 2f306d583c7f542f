package org.gantry.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.gantry.api.dataset.NumericCsvReader;
import org.gantry.api.dataset.NumericDataset;
import org.gantry.api.job.TrainingProgress;

/**
 * One training run: load and prepare the data, build the MLP (or resume it from the checkpoint
 * directory), train epoch by epoch with Adam on MSE, checkpoint and report after each epoch, and
 * write the model. Output goes to {@code out}: a few human lines and one
 * {@link TrainingProgress#toLine() progress line} per epoch, which the agent picks out of the log.
 */
final class MlpTrainer {
    private final TrainingConfig config;
    private final StopSignal stop;
    private final PrintStream out;
    private final Clock clock;

    MlpTrainer(TrainingConfig config, StopSignal stop, PrintStream out, Clock clock) {
        this.config = config;
        this.stop = stop;
        this.out = out;
        this.clock = clock;
    }

    /**
     * @throws org.gantry.api.dataset.DatasetException the data cannot be trained on (bad CSV, no target,
     *                                                 too few complete rows)
     * @throws TrainingFailedException                 training diverged
     * @throws IOException                             the dataset, checkpoint or model directory could not be read or written
     */
    TrainingOutcome run() throws IOException {
        NumericDataset dataset = NumericCsvReader.load(config.dataset(), config.target());
        TrainingData data = TrainingData.prepare(dataset, config);
        out.printf("dataset %s: %d rows, %d dropped for a missing value; %d to train on, %d held out for validation;"
                        + " features %s, target '%s'%n", config.dataset(), dataset.rows().size(), data.dropped(),
                data.trainingRows(), data.validationRows(), data.preprocessing().featureNames(), config.target());
        Engine engine = DjlRuntime.engine();
        try (NDManager manager = engine.newBaseManager()) {
            Model model = resume(engine, manager, data);
            ParameterStore parameters = new ParameterStore(manager, false);
            CheckpointState last = model.state;
            for (int epoch = last == null ? 1 : last.epoch() + 1; epoch <= config.epochs(); epoch++) {
                Optional<Double> trainMse = trainEpoch(epoch, model, parameters, manager, data);
                if (trainMse.isEmpty()) {
                    return stopped(last);
                }
                double[] validation = evaluate(model.block, manager, data);
                double trainLoss = trainMse.get() * data.preprocessing().target().std()
                        * data.preprocessing().target().std();
                if (!Double.isFinite(trainLoss) || !Double.isFinite(validation[0])) {
                    throw new TrainingFailedException("training diverged at epoch " + epoch + " (training loss "
                            + trainLoss + "): lower the learningRate (" + config.learningRate() + ")");
                }
                last = new CheckpointState(epoch, data.fingerprint(), trainLoss, validation[0], validation[1]);
                CheckpointFile.write(config.checkpointDir(), last, model.block, model.optimizer);
                out.println(new TrainingProgress(epoch, config.epochs(), trainLoss, validation[0], validation[1]).toLine());
                out.flush();
                if (stop.requested() && epoch < config.epochs()) {
                    return stopped(last);
                }
            }
            if (last == null) {
                throw new IllegalStateException("no epoch was trained nor resumed");
            }
            ModelCard card = new ModelCard(ModelCard.FORMAT, config.target(), data.preprocessing().featureNames(),
                    config.hiddenLayers(), data.preprocessing(),
                    new ModelCard.Metrics(last.validationMae(), last.validationMse(), last.trainLoss()),
                    new ModelCard.Rows(data.trainingRows(), data.validationRows(), data.dropped()), last.epoch(),
                    clock.instant(), ModelArtifact.PARAMETERS);
            ModelArtifact.write(config.modelDir(), card, model.block);
            out.printf("model written to %s: validation MAE %.6g, MSE %.6g after %d epochs%n", config.modelDir(),
                    last.validationMae(), last.validationMse(), last.epoch());
            return new TrainingOutcome.Finished(card, config.modelDir());
        }
    }

    private TrainingOutcome stopped(CheckpointState last) {
        int epoch = last == null ? 0 : last.epoch();
        out.printf("stopped: the checkpoint holds epoch %d of %d%n", epoch, config.epochs());
        return new TrainingOutcome.Stopped(epoch);
    }

    /** The network and its optimizer, fresh or as the checkpoint left them ({@code state} null when fresh). */
    private record Model(SequentialBlock block, SavableAdam optimizer, CheckpointState state) {}

    private Model resume(Engine engine, NDManager manager, TrainingData data) {
        Model fresh = fresh(engine, manager, data);
        List<NDArray> drawn = fresh.block.getParameters().values().stream().map(Parameter::getArray).toList();
        try {
            Optional<CheckpointState> found = CheckpointFile.read(config.checkpointDir(),
                    state -> state.fingerprint().equals(data.fingerprint()), fresh.block, fresh.optimizer, manager);
            if (found.isEmpty()) {
                return fresh;
            }
            if (!found.get().fingerprint().equals(data.fingerprint())) {
                out.printf("the checkpoint in %s is of another dataset or other settings: starting from epoch 1%n",
                        config.checkpointDir());
                return fresh;
            }
            drawn.forEach(NDArray::close); // replaced by the checkpoint's
            requireGradients(fresh.block);
            out.printf("resuming from the checkpoint of epoch %d in %s%n", found.get().epoch(), config.checkpointDir());
            return new Model(fresh.block, fresh.optimizer, found.get());
        } catch (IOException | RuntimeException e) {
            // A damaged checkpoint costs the work it held, not the job: train again from the start.
            out.printf("cannot resume from %s (%s): starting from epoch 1%n", config.checkpointDir(), e.getMessage());
            return fresh(engine, manager, data);
        }
    }

    private Model fresh(Engine engine, NDManager manager, TrainingData data) {
        engine.setRandomSeed(Long.hashCode(config.seed()));
        SequentialBlock block = Mlp.create(config.hiddenLayers(), data.features(), manager);
        requireGradients(block);
        return new Model(block, new SavableAdam((float) config.learningRate(), manager), null);
    }

    private static void requireGradients(SequentialBlock block) {
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            parameter.getValue().getArray().setRequiresGradient(true);
        }
    }

    /** One pass over the training rows in a seeded order; the mean scaled MSE, or empty when stopped. */
    private Optional<Double> trainEpoch(int epoch, Model model, ParameterStore parameters, NDManager manager,
                                        TrainingData data) {
        int rows = data.trainingRows();
        int features = data.features();
        int[] order = permutation(rows, new Random(config.seed() * 1_000_003L + epoch));
        float[] x = new float[config.batchSize() * features];
        float[] y = new float[config.batchSize()];
        double squaredErrors = 0;
        for (int start = 0; start < rows; start += config.batchSize()) {
            if (stop.requested()) {
                return Optional.empty();
            }
            int size = Math.min(config.batchSize(), rows - start);
            for (int i = 0; i < size; i++) {
                int row = order[start + i];
                System.arraycopy(data.trainX(), row * features, x, i * features, features);
                y[i] = data.trainY()[row];
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray input = manager.create(FloatBuffer.wrap(x, 0, size * features), new Shape(size, features));
                NDArray label = manager.create(FloatBuffer.wrap(y, 0, size), new Shape(size, 1));
                NDArray loss;
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray prediction = model.block.forward(parameters, new NDList(input), true).singletonOrThrow();
                    loss = prediction.sub(label).square().mean();
                    collector.backward(loss);
                }
                for (Pair<String, Parameter> parameter : model.block.getParameters()) {
                    NDArray weight = parameter.getValue().getArray();
                    model.optimizer.update(parameter.getKey(), weight, weight.getGradient());
                }
                squaredErrors += loss.getFloat() * size;
            }
        }
        return Optional.of(squaredErrors / rows);
    }

    /** Validation {MSE, MAE} in the target's units, from one forward pass over the held-out rows. */
    static double[] evaluate(SequentialBlock block, NDManager manager, TrainingData data) {
        float[] predicted;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray input = scratch.create(data.validationX(), new Shape(data.validationRows(), data.features()));
            predicted = block.forward(new ParameterStore(scratch, false), new NDList(input), false)
                    .singletonOrThrow().toFloatArray();
        }
        double squared = 0;
        double absolute = 0;
        for (int r = 0; r < predicted.length; r++) {
            double error = data.preprocessing().target().unscale(predicted[r]) - data.validationY()[r];
            squared += error * error;
            absolute += Math.abs(error);
        }
        return new double[] {squared / predicted.length, absolute / predicted.length};
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
