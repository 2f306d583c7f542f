package org.gantry.djl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.job.TrainingProgress;

/** In-process training runs for tests, their output kept to be read back. */
final class TrainingRuns {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    private TrainingRuns() {}

    static TrainingConfig config(Path dir, Path dataset, int epochs) {
        return new TrainingConfig(dataset, "y", TrainingConfig.DEFAULT_HIDDEN_LAYERS,
                TrainingConfig.DEFAULT_LEARNING_RATE, epochs, TrainingConfig.DEFAULT_BATCH_SIZE,
                TrainingConfig.DEFAULT_VALIDATION_SPLIT, TrainingConfig.DEFAULT_SEED, dir.resolve("checkpoint"),
                dir.resolve("model"));
    }

    /** A finished run: how it ended, what it printed, and when (nanoTime) each progress line came. */
    record Run(TrainingOutcome outcome, String output, List<Long> progressNanos) {
        List<TrainingProgress> progress() {
            return output.lines().map(TrainingProgress::fromLine).flatMap(java.util.Optional::stream).toList();
        }

        /** Epochs per second between the first and the last progress line: training alone, no start-up. */
        double epochsPerSecond() {
            int epochs = progressNanos.size() - 1;
            return epochs / ((progressNanos.get(epochs) - progressNanos.get(0)) / 1e9);
        }
    }

    static Run train(TrainingConfig config, StopSignal stop) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Long> progressNanos = new ArrayList<>();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                if (line.startsWith(TrainingProgress.PREFIX)) {
                    progressNanos.add(System.nanoTime());
                }
                super.println(line);
            }
        };
        TrainingOutcome outcome = new MlpTrainer(config, stop, out, CLOCK).run();
        return new Run(outcome, bytes.toString(StandardCharsets.UTF_8), progressNanos);
    }

    static Run train(TrainingConfig config) throws Exception {
        return train(config, StopSignal.manual());
    }
}
