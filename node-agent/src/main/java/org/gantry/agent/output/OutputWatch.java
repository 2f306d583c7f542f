package org.gantry.agent.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.gantry.api.job.ServingReady;
import org.gantry.api.job.TrainingProgress;

/**
 * Follows one attempt's stdout log for the lines Gantry's own entry points print for the agent:
 * a trainer's {@link TrainingProgress} per epoch and a replica's {@link ServingReady}. Each
 * {@link #poll()} reads what was appended since the last one (at most {@value #MAX_READ} bytes),
 * so a chatty job costs a bounded read per heartbeat. Any other line is the job's own output and
 * is left to the log. Called from the agent actor only.
 */
public final class OutputWatch {
    static final int MAX_READ = 256 * 1024;
    /** Longer lines are a job's own output (or noise): never one of ours. */
    static final int MAX_LINE = 16 * 1024;
    /** Epochs kept for the next report: at a heartbeat a second, more than any trainer prints in between. */
    static final int KEPT_EPOCHS = 50;

    private final Path stdout;
    private long offset;
    private final StringBuilder partial = new StringBuilder();
    private boolean skippingLongLine;
    private final Deque<TrainingProgress> epochs = new ArrayDeque<>();
    private final TreeMap<Integer, ServingReady> ready = new TreeMap<>();

    public OutputWatch(Path stdout) {
        this.stdout = stdout;
    }

    /** Reads what the attempt printed since the last poll. A log not there yet is nothing printed yet. */
    public void poll() {
        readMore();
    }

    /**
     * The process that printed so far is gone (a serving replica process that died, about to be
     * started again): reads what it left, then forgets its replicas' readiness. Those that come
     * back say so again, on their new ports.
     */
    public void processEnded() {
        while (readMore()) {
            // a dead process writes no more: this ends
        }
        partial.setLength(0); // a line it was cut off in is not the start of the next process's first
        skippingLongLine = false;
        ready.clear();
    }

    /** Reads the next piece of what was appended; whether there was any. */
    private boolean readMore() {
        byte[] appended;
        try (RandomAccessFile file = new RandomAccessFile(stdout.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return false;
            }
            appended = new byte[(int) Math.min(MAX_READ, length - offset)];
            file.seek(offset);
            file.readFully(appended);
        } catch (FileNotFoundException notYet) {
            return false;
        } catch (IOException e) {
            return false; // the log is the job's; a read that fails now is tried again at the next poll
        }
        offset += appended.length;
        // Lines are split on '\n' bytes, which never occur inside a UTF-8 sequence.
        int start = 0;
        for (int i = 0; i < appended.length; i++) {
            if (appended[i] == '\n') {
                take(new String(appended, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        keepPartial(new String(appended, start, appended.length - start, StandardCharsets.UTF_8));
        return true;
    }

    /** The latest epochs, oldest first (at most {@value #KEPT_EPOCHS}). */
    public List<TrainingProgress> epochs() {
        return List.copyOf(epochs);
    }

    /** The replicas that said they are ready, by index. */
    public List<ServingReady> ready() {
        return List.copyOf(ready.values());
    }

    private void take(String tail) {
        String line = partial.append(tail).toString();
        boolean skip = skippingLongLine || line.length() > MAX_LINE;
        partial.setLength(0);
        skippingLongLine = false;
        if (skip) {
            return;
        }
        parse(line.strip());
    }

    private void keepPartial(String tail) {
        if (skippingLongLine) {
            return;
        }
        partial.append(tail);
        if (partial.length() > MAX_LINE) {
            partial.setLength(0);
            skippingLongLine = true;
        }
    }

    private void parse(String line) {
        try {
            Optional<TrainingProgress> progress = TrainingProgress.fromLine(line);
            if (progress.isPresent()) {
                epochs.addLast(progress.get());
                while (epochs.size() > KEPT_EPOCHS) {
                    epochs.removeFirst();
                }
                return;
            }
        } catch (IllegalArgumentException lookalike) {
            return; // the job's own output that happens to start like ours
        }
        ServingReady.fromLine(line).ifPresent(replica -> ready.put(replica.replica(), replica));
    }
}
