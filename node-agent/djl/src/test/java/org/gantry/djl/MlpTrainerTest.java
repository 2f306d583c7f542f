package org.gantry.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gantry.api.dataset.DatasetException;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.json.GantryJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real training on DJL's PyTorch engine (CPU), in this JVM. */
class MlpTrainerTest {
    @TempDir
    static Path shared;
    /** The seed pipeline's data set: 10,000 rows, 8 features, 2% of rows missing a value. */
    static Path seedData;
    /** A smaller one for the tests about the mechanics, to keep them quick. */
    static Path smallData;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws Exception {
        seedData = RegressionCsv.write(shared.resolve("regression.csv"), 10_000, 0.02, 7);
        smallData = RegressionCsv.write(shared.resolve("small.csv"), 2_000, 0.02, 8);
    }

    @Test
    void learnsALinearTargetDownToTheNoise() throws Exception {
        int epochs = Integer.getInteger("gantry.djl.epochs", 20);
        TrainingRuns.Run run = TrainingRuns.train(TrainingRuns.config(dir, seedData, epochs));

        List<TrainingProgress> progress = run.progress();
        assertThat(progress).extracting(TrainingProgress::epoch).containsExactlyElementsOf(range(1, epochs));
        TrainingProgress last = progress.get(epochs - 1);
        double ratio = last.validationMae() / RegressionCsv.noiseMae();
        System.out.printf("seed pipeline: %d epochs, %.2f epochs/s (%d training rows, batches of 32);"
                        + " validation MAE %.4f, noise MAE %.4f, ratio %.3f (best epoch %.3f)%n", epochs,
                run.epochsPerSecond(), card(run).rows().training(), last.validationMae(), RegressionCsv.noiseMae(),
                ratio, progress.stream().mapToDouble(TrainingProgress::validationMae).min().orElseThrow()
                        / RegressionCsv.noiseMae());
        assertThat(ratio).isLessThan(1.5);
        assertThat(progress.get(0).validationMae()).as("the first epoch is far from done").isGreaterThan(last.validationMae());

        ModelCard card = card(run);
        assertThat(card.metrics().validationMae()).isEqualTo(last.validationMae());
        assertThat(card.rows().training() + card.rows().validation() + card.rows().dropped()).isEqualTo(10_000);
        assertThat(card.rows().dropped()).isBetween(150, 250);
        assertThat(card.rows().validation()).isEqualTo(Math.round((10_000 - card.rows().dropped()) * 0.2f));
    }

    @Test
    void writesAModelDirectoryThatDescribesItself() throws Exception {
        TrainingConfig config = TrainingRuns.config(dir, smallData, 2);
        TrainingRuns.train(config);

        assertThat(config.modelDir().resolve(ModelArtifact.PARAMETERS)).isNotEmptyFile();
        ModelCard card = GantryJson.mapper().readValue(config.modelDir().resolve(ModelCard.FILE).toFile(), ModelCard.class);
        assertThat(card.target()).isEqualTo("y");
        assertThat(card.features()).containsExactly("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8");
        assertThat(card.hiddenLayers()).containsExactly(32, 16);
        assertThat(card.epochs()).isEqualTo(2);
        assertThat(card.createdAt()).isEqualTo(TrainingRuns.CLOCK.instant());
        // Fitted on the training rows: means and deviations near the generator's offsets and scales.
        for (int f = 0; f < 8; f++) {
            FeatureScaling scaling = card.preprocessing().features().get(f);
            assertThat(scaling.mean()).isCloseTo(RegressionCsv.OFFSETS[f], within(0.1 * RegressionCsv.SCALES[f]));
            assertThat(scaling.std()).isCloseTo(RegressionCsv.SCALES[f], within(0.1 * RegressionCsv.SCALES[f]));
            assertThat(scaling.min()).isNegative();
            assertThat(scaling.max()).isPositive();
        }
        assertThat(card.preprocessing().target().mean()).isCloseTo(RegressionCsv.INTERCEPT, within(1.0));
        String json = Files.readString(config.modelDir().resolve(ModelCard.FILE));
        assertThat(json).contains("\"validationMae\"", "\"validationMse\"", "\"createdAt\" : \"2026-12-06T10:00:00Z\"");
    }

    @Test
    void aResumedRunContinuesAtTheNextEpochAndEndsWhereAnUnbrokenRunEnds() throws Exception {
        TrainingRuns.Run unbroken = TrainingRuns.train(TrainingRuns.config(dir.resolve("unbroken"), smallData, 6));

        TrainingConfig config = TrainingRuns.config(dir.resolve("resumed"), smallData, 6);
        TrainingRuns.Run first = TrainingRuns.train(config.withEpochs(3));
        TrainingRuns.Run second = TrainingRuns.train(config);

        assertThat(first.progress()).extracting(TrainingProgress::epoch).containsExactly(1, 2, 3);
        assertThat(second.output()).contains("resuming from the checkpoint of epoch 3");
        assertThat(second.progress()).extracting(TrainingProgress::epoch).containsExactly(4, 5, 6);
        // Parameters, Adam's moments and step counts, the split and the batch order all carried
        // over: the resumed run computes what the unbroken one did, epoch for epoch.
        for (int i = 0; i < 3; i++) {
            TrainingProgress expected = unbroken.progress().get(3 + i);
            TrainingProgress actual = second.progress().get(i);
            assertThat(actual.trainLoss()).isCloseTo(expected.trainLoss(), within(1e-6 * expected.trainLoss()));
            assertThat(actual.validationMae()).isCloseTo(expected.validationMae(), within(1e-6 * expected.validationMae()));
        }
    }

    @Test
    void aStopAbandonsTheRunAndTheNextRunPicksUpAfterTheLastCheckpoint() throws Exception {
        TrainingConfig config = TrainingRuns.config(dir, smallData, 10);
        StopSignal stop = StopSignal.manual();
        // Raise the stop as epoch 2 is reported: the loop ends there, keeping that checkpoint.
        PrintStream watcher = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                if (line.startsWith(TrainingProgress.PREFIX + "{\"epoch\":2,")) {
                    stop.request();
                }
            }
        };
        TrainingOutcome stopped = new MlpTrainer(config, stop, watcher, TrainingRuns.CLOCK).run();

        assertThat(stopped).isEqualTo(new TrainingOutcome.Stopped(2));
        assertThat(config.modelDir()).doesNotExist();
        TrainingRuns.Run next = TrainingRuns.train(config.withEpochs(4));
        assertThat(next.progress()).extracting(TrainingProgress::epoch).containsExactly(3, 4);
        assertThat(next.outcome()).isInstanceOf(TrainingOutcome.Finished.class);
    }

    @Test
    void aStopBeforeTheFirstCheckpointLeavesNothingToResume() throws Exception {
        TrainingConfig config = TrainingRuns.config(dir, smallData, 5);
        StopSignal stop = StopSignal.manual();
        stop.request();

        assertThat(TrainingRuns.train(config, stop).outcome()).isEqualTo(new TrainingOutcome.Stopped(0));
        assertThat(config.checkpointDir().resolve(CheckpointFile.NAME)).doesNotExist();
    }

    @Test
    void aRunOfAllItsEpochsAlreadyCheckpointedOnlyWritesTheModel() throws Exception {
        TrainingConfig config = TrainingRuns.config(dir, smallData, 2);
        TrainingRuns.train(config);
        Files.delete(config.modelDir().resolve(ModelCard.FILE));

        TrainingRuns.Run again = TrainingRuns.train(config);

        assertThat(again.progress()).isEmpty();
        assertThat(again.output()).contains("resuming from the checkpoint of epoch 2");
        assertThat(config.modelDir().resolve(ModelCard.FILE)).exists();
    }

    @Test
    void startsOverWhenTheCheckpointIsOfOtherDataOrDamaged() throws Exception {
        TrainingConfig config = TrainingRuns.config(dir, smallData, 2);
        TrainingRuns.train(config);

        TrainingConfig otherSeed = new TrainingConfig(seedData, "y", config.hiddenLayers(), config.learningRate(), 2,
                config.batchSize(), config.validationSplit(), config.seed(), config.checkpointDir(), config.modelDir());
        TrainingRuns.Run other = TrainingRuns.train(otherSeed);
        assertThat(other.output()).contains("is of another dataset or other settings: starting from epoch 1");
        assertThat(other.progress()).extracting(TrainingProgress::epoch).containsExactly(1, 2);

        Path checkpoint = config.checkpointDir().resolve(CheckpointFile.NAME);
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(checkpoint, bytes);
        TrainingRuns.Run damaged = TrainingRuns.train(otherSeed);
        assertThat(damaged.output()).contains("its checksum does not match", "starting from epoch 1");
        assertThat(damaged.progress()).extracting(TrainingProgress::epoch).containsExactly(1, 2);
    }

    @Test
    void refusesDataItCannotTrainOn() throws Exception {
        Path text = Files.writeString(dir.resolve("text.csv"), "x,y\n1,2\n3,four\n");
        assertThatThrownBy(() -> TrainingRuns.train(TrainingRuns.config(dir, text, 1)))
                .isInstanceOf(DatasetException.class).hasMessage("line 3, column 2 ('y'): 'four' is not a number"
                        + " (expected a decimal like -1.5 or 2e3; empty, NA or NaN for a missing value)");

        Path noTarget = Files.writeString(dir.resolve("no-target.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> TrainingRuns.train(TrainingRuns.config(dir, noTarget, 1)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("no column named 'y'");

        Path sparse = Files.writeString(dir.resolve("sparse.csv"), "x,y\n1,\n2,NA\n3,4\n");
        assertThatThrownBy(() -> TrainingRuns.train(TrainingRuns.config(dir, sparse, 1)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("1 complete rows (2 dropped for missing values)");
    }

    private static ModelCard card(TrainingRuns.Run run) {
        return ((TrainingOutcome.Finished) run.outcome()).card();
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    }
}
