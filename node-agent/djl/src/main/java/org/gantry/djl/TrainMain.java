package org.gantry.djl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import org.gantry.api.dataset.DatasetException;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violation;

/**
 * The {@code djl-train} child process: {@code java -cp … org.gantry.djl.TrainMain CONFIG.json}.
 * The config is a {@link TrainingConfig} in JSON ({@link TrainingConfigReader}).
 *
 * <p>Stdout carries a few human lines and one {@code GANTRY_PROGRESS {…}} line per epoch; stderr
 * says why a run failed. Exit codes: {@value #EXIT_OK} the model was written; {@value #EXIT_INVALID}
 * the config or the dataset is invalid (retrying cannot help); {@value #EXIT_FAILED} training
 * failed (diverged, I/O, the engine). On SIGTERM it abandons the epoch under way and exits with
 * the JVM's 143, the last checkpoint intact; started again on the same checkpoint directory, it
 * continues with the next epoch.
 */
public final class TrainMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INVALID = 2;
    private static final String NAME = "gantry djl-train";

    private TrainMain() {}

    public static void main(String[] args) {
        StopSignal stop = StopSignal.onShutdown();
        int code;
        try {
            code = run(args, stop, System.out, System.err);
        } finally {
            stop.done();
        }
        if (!stop.requested()) {
            System.exit(code);
        }
        // Stopped by a signal: the JVM is shutting down already and ends once the hook returns.
    }

    static int run(String[] args, StopSignal stop, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("usage: " + NAME + " CONFIG.json   (a TrainingConfig: dataset, target, checkpointDir,"
                    + " modelDir, and optionally hiddenLayers, learningRate, epochs, batchSize, validationSplit, seed)");
            return EXIT_INVALID;
        }
        Path file = Path.of(args[0]);
        TrainingConfig config;
        try {
            ReadResult<TrainingConfig> read = TrainingConfigReader.read(file);
            if (!read.isOk()) {
                err.println(NAME + ": invalid config " + file + ":");
                for (Violation violation : read.violations()) {
                    err.println("  " + violation);
                }
                return EXIT_INVALID;
            }
            config = read.orThrow();
        } catch (IOException e) {
            err.println(NAME + ": cannot read the config " + file + ": " + e);
            return EXIT_INVALID;
        }
        try {
            TrainingOutcome outcome = new MlpTrainer(config, stop, out, Clock.systemUTC()).run();
            return outcome instanceof TrainingOutcome.Finished ? EXIT_OK : EXIT_FAILED;
        } catch (DatasetException e) {
            err.println(NAME + ": dataset " + config.dataset() + ": " + e.getMessage());
            return EXIT_INVALID;
        } catch (NoSuchFileException e) {
            err.println(NAME + ": no such file: " + e.getFile());
            return EXIT_INVALID;
        } catch (TrainingFailedException e) {
            err.println(NAME + ": " + e.getMessage());
            return EXIT_FAILED;
        } catch (IOException | RuntimeException e) {
            err.println(NAME + ": training failed: " + e);
            e.printStackTrace(err);
            return EXIT_FAILED;
        } finally {
            out.flush();
        }
    }
}
