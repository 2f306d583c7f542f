package org.gantry.tests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.agent.objects.Pack;

/**
 * A file the workloads of a test write to when they start, end or are stopped (the agent stops
 * with SIGTERM first; a trap records it), one line each: {@code EVENT JOB ATTEMPT EPOCH_NANOS
 * NODE GPUS [COUNT]}. From it a test tells whether any job ever ran in two places at once, or any GPU
 * was used by two jobs at once. What it finds is sound, not complete: a workload runs within the
 * time its job holds its GPUs, so two runs that overlap here overlapped there too.
 */
public final class Ledger {
    /**
     * One line: {@code event} is {@code start}, {@code end} or {@code stop}; {@code gpus} as
     * CUDA_VISIBLE_DEVICES; {@code count}, for a {@link #checkpointingWorkload}, the count its
     * checkpoint held at a start (where it resumed) and had reached at a stop or end; else -1.
     */
    public record Entry(String event, String job, int attempt, long epochNanos, String node, String gpus, int count) {}

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
        return "{\"name\":\"" + name + "\",\"gpus\":1,\"maxRetries\":0,\"workload\":" + workload(seconds) + "}";
    }

    /** The {@code workload} JSON of such a job. */
    public String workload(int seconds) {
        String script = "log() { " + NOW + "echo \"$1 $GANTRY_JOB_ID $GANTRY_ATTEMPT $t $GANTRY_NODE "
                + "$CUDA_VISIBLE_DEVICES\" >> " + file + "; }; "
                + "trap 'log stop; exit 143' TERM; log start; sleep " + seconds + " & wait $!; log end";
        return "{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"" + script.replace("\"", "\\\"") + "\"]}";
    }

    /**
     * A workload of {@code seconds} counts, one a second, that keeps its count in its checkpoint
     * directory (write, then rename) and starts from what that holds: a job that resumed from a
     * checkpoint does only the counts left. Its lines carry the count. Its job needs a
     * {@code checkpoint} in its spec, for {@code GANTRY_CHECKPOINT_DIR}. The count is kept as the
     * length of its one file, {@link #COUNT_FILE} (that many zero bytes), so each stored
     * checkpoint's size says the count it holds: {@link #countIn}.
     */
    public String checkpointingWorkload(int seconds) {
        String count = "\"$d/" + COUNT_FILE + "\"";
        String script = "d=\"$GANTRY_CHECKPOINT_DIR\"; i=0; [ -f " + count + " ] && i=$(( $(wc -c < " + count + ") )); "
                + "log() { " + NOW + "echo \"$1 $GANTRY_JOB_ID $GANTRY_ATTEMPT $t $GANTRY_NODE "
                + "$CUDA_VISIBLE_DEVICES $i\" >> " + file + "; }; "
                + "save() { head -c $i /dev/zero > \"$d/count.tmp\" && mv \"$d/count.tmp\" " + count + "; }; "
                + "trap 'save; log stop; exit 143' TERM; log start; "
                + "while [ $i -lt " + seconds + " ]; do sleep 1 & wait $!; i=$((i+1)); save; done; log end";
        return "{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"" + script.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"]}";
    }

    /**
     * The time in epoch nanoseconds into {@code t}, tried again while {@code date} prints nothing
     * (its fork failed on a loaded machine, or the stop's signal reached it): a line without its
     * time would not read.
     */
    private static final String NOW = "t=$(date +%s%N); while [ -z \"$t\" ]; do t=$(date +%s%N); done; ";

    /** The one file a {@link #checkpointingWorkload}'s checkpoint holds. */
    public static final String COUNT_FILE = "count";

    /** The count a {@link #checkpointingWorkload}'s checkpoint of {@code packedBytes} holds. */
    public static long countIn(long packedBytes) {
        return packedBytes - EMPTY_COUNT_PACK;
    }

    /** The packed size of such a checkpoint at count 0: the pack's own bytes around the count file. */
    private static final long EMPTY_COUNT_PACK = emptyCountPack();

    private static long emptyCountPack() {
        try {
            Path dir = Files.createTempDirectory("ledger-pack");
            Files.createFile(dir.resolve(COUNT_FILE));
            Path pack = dir.resolveSibling(dir.getFileName() + ".pack");
            long bytes = Pack.pack(dir, pack).bytes();
            Files.delete(pack);
            Files.delete(dir.resolve(COUNT_FILE));
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line written so far, in time order. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A workload may be writing its line right now: only whole lines count.
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length < 4) {
                continue;
            }
            try {
                entries.add(new Entry(parts[0], parts[1], Integer.parseInt(parts[2]), Long.parseLong(parts[3]),
                        parts.length > 4 ? parts[4] : "", parts.length > 5 ? parts[5] : "",
                        parts.length > 6 ? Integer.parseInt(parts[6]) : -1));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("a ledger line that does not read: '" + line + "'", e);
            }
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
        assertThat(doubleRuns()).as("jobs that ran twice at once").isEmpty();
        return entries().stream().filter(entry -> entry.event().equals("end")).map(Entry::job)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Each time a job started while one of its runs still ran, in words. */
    public List<String> doubleRuns() {
        return overlaps(entry -> List.of(entry.job()), "job");
    }

    /** Each time a GPU was taken by a run while another run still held it, in words. */
    public List<String> doubleBookedGpus() {
        return overlaps(entry -> entry.gpus().isEmpty() ? List.of()
                : java.util.Arrays.stream(entry.gpus().split(",")).map(gpu -> entry.node() + "/" + gpu).toList(), "GPU");
    }

    /**
     * Runs, by what they hold ({@code holds}: the job, or its GPUs), that began while another run
     * holding the same thing had not ended. A run ends at its {@code end} or {@code stop} line.
     */
    private List<String> overlaps(java.util.function.Function<Entry, List<String>> holds, String what) {
        Map<String, Entry> holder = new HashMap<>();
        List<String> found = new ArrayList<>();
        for (Entry entry : entries()) {
            String run = entry.job() + "#" + entry.attempt();
            if (entry.event().equals("start")) {
                for (String held : holds.apply(entry)) {
                    Entry other = holder.get(held);
                    if (other != null) {
                        found.add(what + " " + held + ": " + run + " started on " + entry.node() + " while "
                                + other.job() + "#" + other.attempt() + " (on " + other.node() + ") still ran");
                    }
                    holder.put(held, entry);
                }
            } else {
                for (String held : holds.apply(entry)) {
                    Entry other = holder.get(held);
                    if (other != null && other.job().equals(entry.job()) && other.attempt() == entry.attempt()) {
                        holder.remove(held);
                    }
                }
            }
        }
        return found;
    }
}
