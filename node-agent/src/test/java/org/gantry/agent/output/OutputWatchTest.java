package org.gantry.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.gantry.api.job.ServingReady;
import org.gantry.api.job.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWatchTest {
    @TempDir
    Path dir;

    @Test
    void picksOurLinesOutOfAGrowingLogWhateverElseTheJobPrints() throws Exception {
        Path log = dir.resolve("stdout.log");
        OutputWatch watch = new OutputWatch(log);
        watch.poll();
        assertThat(watch.epochs()).as("no log yet").isEmpty();

        TrainingProgress first = new TrainingProgress(1, 3, 0.9, 0.8, 0.7);
        TrainingProgress second = new TrainingProgress(2, 3, 0.5, 0.4, 0.3);
        append(log, "loading 10000 rows\n" + first.toLine() + "\n" + second.toLine().substring(0, 20));
        watch.poll();
        assertThat(watch.epochs()).as("the half-written line waits for its end").containsExactly(first);

        append(log, second.toLine().substring(20) + "\nGANTRY_PROGRESS {not json}\n" + "x".repeat(40_000) + "\n"
                + new ServingReady(1, 41234, 3).toLine() + "\n");
        watch.poll();
        assertThat(watch.epochs()).containsExactly(first, second);
        assertThat(watch.ready()).containsExactly(new ServingReady(1, 41234, 3));
    }

    @Test
    void aProcessThatEndedTakesItsReadinessAndItsCutOffLineWithIt() throws Exception {
        Path log = dir.resolve("stdout.log");
        OutputWatch watch = new OutputWatch(log);
        append(log, new ServingReady(0, 40001, 1).toLine() + "\n");
        watch.poll();
        assertThat(watch.ready()).containsExactly(new ServingReady(0, 40001, 1));

        // It dies mid-line, after a last ready line the agent had not read yet.
        append(log, new ServingReady(1, 40002, 1).toLine() + "\n" + new ServingReady(2, 40003, 1).toLine().substring(0, 25));
        watch.processEnded();
        assertThat(watch.ready()).as("nothing it said holds once it is gone").isEmpty();

        append(log, new ServingReady(0, 40100, 1).toLine() + "\n");
        watch.poll();
        assertThat(watch.ready()).as("only what the next process says").containsExactly(new ServingReady(0, 40100, 1));
    }

    @Test
    void keepsTheLatestEpochsOnly() throws Exception {
        Path log = dir.resolve("stdout.log");
        StringBuilder lines = new StringBuilder();
        for (int epoch = 1; epoch <= 120; epoch++) {
            lines.append(new TrainingProgress(epoch, 120, 1, 1, 1).toLine()).append('\n');
        }
        append(log, lines.toString());
        OutputWatch watch = new OutputWatch(log);
        watch.poll();

        assertThat(watch.epochs()).hasSize(OutputWatch.KEPT_EPOCHS);
        assertThat(watch.epochs().get(OutputWatch.KEPT_EPOCHS - 1).epoch()).isEqualTo(120);
    }

    private static void append(Path log, String text) throws Exception {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
