package org.gantry.agent.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A simulated run: a timer that completes it with exit 0, unless a stop ends it first with -1
 * (there is no process to exit). The timer thread and the agent may race to end it; the
 * first wins, and only the winner writes the last log line.
 */
final class SimulatedExecution implements Execution {
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final AtomicBoolean over = new AtomicBoolean();
    private final Path log;

    SimulatedExecution(Path log, Duration duration) {
        this.log = log;
        CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> end(0, "simulated workload completed"));
    }

    @Override
    public CompletionStage<Integer> exited() {
        return exited;
    }

    @Override
    public void terminate() {
        end(-1, "simulated workload stopped");
    }

    @Override
    public void kill() {
        terminate();
    }

    private void end(int exitCode, String line) {
        if (over.compareAndSet(false, true)) {
            append(log, line);
            exited.complete(exitCode);
        }
    }

    /** Logs are for people; a line that cannot be written does not change how the run ends. */
    static void append(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
