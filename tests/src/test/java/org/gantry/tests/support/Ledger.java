package org.gantry.tests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file the workloads of a test write to when they start, end or are stopped (the agent stops
 * with SIGTERM first; a trap records it), one line each: {@code EVENT JOB ATTEMPT EPOCH_NANOS}.
 * From it a test tells whether any job ever ran in two places at once.
 */
public final class Ledger {
    /** One line: {@code event} is {@code start}, {@code end} or {@code stop}. */
    public record Entry(String event, String job, int attempt, long epochNanos) {}

    private final Path file;

    public Ledger(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code process} job's JSON that runs {@code seconds} and writes its lines here. */
    public String job(String name, int seconds) {
        String script = "log() { echo \"$1 $GANTRY_JOB_ID $GANTRY_ATTEMPT $(date +%s%N)\" >> " + file + "; }; "
                + "trap 'log stop; exit 143' TERM; log start; sleep " + seconds + " & wait $!; log end";
        return "{\"name\":\"" + name + "\",\"gpus\":1,\"maxRetries\":0,"
                + "\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"" + script.replace("\"", "\\\"")
                + "\"]}}";
    }

    /** Every line written so far, in time order. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 4) {
                    entries.add(new Entry(parts[0], parts[1], Integer.parseInt(parts[2]), Long.parseLong(parts[3])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparingLong(Entry::epochNanos));
        return entries;
    }

    /** The lines of {@code job} with this event. */
    public List<Entry> of(String job, String event) {
        return entries().stream().filter(entry -> entry.job().equals(job) && entry.event().equals(event)).toList();
    }

    /**
     * Each job's lines, in time order, alternate start, then end or stop: never two starts in a
     * row. The jobs that ran to their end.
     */
    public Set<String> assertNoJobRanTwiceAtOnce() {
        List<Entry> entries = entries();
        Map<String, Boolean> open = new HashMap<>();
        Set<String> completed = new HashSet<>();
        for (Entry entry : entries) {
            if (entry.event().equals("start")) {
                assertThat(open.getOrDefault(entry.job(), false))
                        .as("job %s started attempt %s while another attempt still ran: %s", entry.job(),
                                entry.attempt(), entries).isFalse();
                open.put(entry.job(), true);
            } else {
                open.put(entry.job(), false);
                if (entry.event().equals("end")) {
                    completed.add(entry.job());
                }
            }
        }
        return completed;
    }
}
