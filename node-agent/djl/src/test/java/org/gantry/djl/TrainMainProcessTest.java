package org.gantry.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gantry.api.job.TrainingProgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point as the agent runs it: a real {@code java} child process on this module's classpath. */
class TrainMainProcessTest {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws Exception {
        data = RegressionCsv.write(shared.resolve("data.csv"), 10_000, 0.02, 5);
    }

    @Test
    void trainsAndWritesAModelExitingZero() throws Exception {
        Child child = Child.start(config(3));

        assertThat(child.waitFor()).as(child.describe()).isEqualTo(TrainMain.EXIT_OK);
        assertThat(child.progress()).extracting(TrainingProgress::epoch).containsExactly(1, 2, 3);
        assertThat(child.progress()).allSatisfy(p -> assertThat(p.epochs()).isEqualTo(3));
        try (TrainedModel model = TrainedModel.load(dir.resolve("model"))) {
            assertThat(model.card().metrics().validationMae()).isEqualTo(child.progress().get(2).validationMae());
        }
    }

    @Test
    void sigtermKeepsTheLastCheckpointAndTheNextRunContinuesAfterIt() throws Exception {
        Path config = config(500);
        Child first = Child.start(config);
        TrainingProgress reached = first.awaitProgress(2);

        first.process.destroy(); // SIGTERM, as the agent stops a job
        int code = first.waitFor();

        assertThat(code).as(first.describe()).isEqualTo(143);
        int checkpointed = first.progress().get(first.progress().size() - 1).epoch();
        assertThat(checkpointed).isGreaterThanOrEqualTo(reached.epoch()).isLessThan(500);
        assertThat(first.stdout()).contains("stopped: the checkpoint holds epoch " + checkpointed + " of 500");
        assertThat(dir.resolve("checkpoint").resolve(CheckpointFile.NAME)).isNotEmptyFile();
        assertThat(dir.resolve("checkpoint")).isDirectoryNotContaining("glob:**.tmp");

        Files.writeString(config, Files.readString(config).replace("\"epochs\": 500", "\"epochs\": " + (checkpointed + 2)));
        Child second = Child.start(config);
        assertThat(second.waitFor()).as(second.describe()).isEqualTo(TrainMain.EXIT_OK);
        assertThat(second.stdout()).contains("resuming from the checkpoint of epoch " + checkpointed);
        assertThat(second.progress()).extracting(TrainingProgress::epoch).containsExactly(checkpointed + 1, checkpointed + 2);
    }

    @Test
    void anInvalidConfigExitsTwoSayingWhy() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.json"), "{\"target\": \"y\", \"epochs\": -1}");
        Child child = Child.start(config);

        assertThat(child.waitFor()).isEqualTo(TrainMain.EXIT_INVALID);
        assertThat(child.stderr()).contains("gantry djl-train: invalid config", "$.dataset: is required",
                "$.epochs: must be an integer in [1, 100000], got -1");
    }

    @Test
    void aBadDatasetExitsTwoNamingLineAndColumn() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "x1,y\n1,2\n3,oops\n");
        Path config = Files.writeString(dir.resolve("config.json"), configJson(csv, 3));
        Child child = Child.start(config);

        assertThat(child.waitFor()).isEqualTo(TrainMain.EXIT_INVALID);
        assertThat(child.stderr()).contains("gantry djl-train: dataset " + csv + ": line 3, column 2 ('y'): 'oops' is not a number");
    }

    private Path config(int epochs) throws IOException {
        return Files.writeString(dir.resolve("config.json"), configJson(data, epochs));
    }

    private String configJson(Path csv, int epochs) {
        return "{\"dataset\": \"" + csv + "\", \"target\": \"y\", \"epochs\": " + epochs + ", \"checkpointDir\": \""
                + dir.resolve("checkpoint") + "\", \"modelDir\": \"" + dir.resolve("model") + "\"}";
    }

    /**
     * A running trainer. Its output goes to files, read while it runs: a thread reading the pipe
     * races the JDK's drain of it at exit ("Stream closed") and may lose the last lines.
     */
    private record Child(Process process, Path out, Path err) {
        static Child start(Path config) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path logs = Files.createTempDirectory(config.getParent(), "logs");
            Path out = logs.resolve("stdout");
            Path err = logs.resolve("stderr");
            Process process = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp",
                    System.getProperty("java.class.path"), TrainMain.class.getName(), config.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new Child(process, out, err);
        }

        int waitFor() throws Exception {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the trainer did not end within " + TIMEOUT_SECONDS + " s: " + describe());
            }
            return process.exitValue();
        }

        TrainingProgress awaitProgress(int epoch) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                Optional<TrainingProgress> reached = progress().stream().filter(p -> p.epoch() >= epoch).findFirst();
                if (reached.isPresent()) {
                    return reached.get();
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the trainer ended before epoch " + epoch + ": " + describe());
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no epoch " + epoch + " within " + TIMEOUT_SECONDS + " s: " + describe());
        }

        /** Complete progress lines so far (a line being written is skipped until it ends). */
        List<TrainingProgress> progress() {
            List<TrainingProgress> progress = new ArrayList<>();
            String text = stdout();
            int complete = text.lastIndexOf('\n') + 1;
            text.substring(0, complete).lines().forEach(line -> TrainingProgress.fromLine(line).ifPresent(progress::add));
            return progress;
        }

        String stdout() {
            return read(out);
        }

        String stderr() {
            return read(err);
        }

        String describe() {
            return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }
}
