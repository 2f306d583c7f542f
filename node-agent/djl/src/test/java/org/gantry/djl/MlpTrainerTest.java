package org.gantry.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gantry.api.job.TrainingProgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpTrainerTest {
    @TempDir
    static Path shared;
    static Path dataset;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws Exception {
        dataset = RegressionCsv.write(shared.resolve("regression.csv"), 10_000, 0.02, 7);
    }

    @Test
    void learnsALinearTargetDownToTheNoise() throws Exception {
        int epochs = Integer.getInteger("gantry.djl.epochs", 20);
        long start = System.nanoTime();
        TrainingRuns.Run run = TrainingRuns.train(TrainingRuns.config(dir, dataset, epochs));
        double seconds = (System.nanoTime() - start) / 1e9;

        List<TrainingProgress> progress = run.progress();
        assertThat(progress).hasSize(epochs);
        TrainingProgress last = progress.get(epochs - 1);
        double ratio = last.validationMae() / RegressionCsv.noiseMae();
        System.out.printf("%d epochs in %.1f s (%.2f epochs/s); validation MAE %.4f, noise MAE %.4f, ratio %.3f%n",
                epochs, seconds, epochs / seconds, last.validationMae(), RegressionCsv.noiseMae(), ratio);
        progress.forEach(p -> System.out.println(p.toLine()));
        assertThat(ratio).isLessThan(1.5);
    }
}
