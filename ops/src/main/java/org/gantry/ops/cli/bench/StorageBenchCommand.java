package org.gantry.ops.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gantry.api.json.GantryJson;
import org.gantry.storage.bench.StorageBench;
import org.gantry.storage.bench.StorageBenchOptions;
import org.gantry.storage.bench.StorageBenchReport;
import org.gantry.storage.bench.StorageBenchReport.JournalPoint;
import org.gantry.storage.bench.StorageBenchReport.ObjectStorePoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry bench storage}: durable journal throughput against raw RocksDB, and checkpoint store speed. */
@Command(name = "storage",
        description = {
            "Measure the RocksDB storage: durable events/s through the Pekko journal (sync on, Jackson CBOR "
                + "events, one persistent actor per writer) next to raw RocksDB WriteBatch + sync from as many "
                + "threads, measured in the same run; then checkpoint store write and read MiB/s with chunks "
                + "in BlobDB blob files and inline in SST files.",
            "",
            "Targets at the largest writer count: journal >= 0.7 x raw, and >= 20,000 events/s.",
            ""},
        footer = {"", "Examples:", "  gantry bench storage", "  gantry bench storage --json --seconds 5",
            "", "Data goes to a throwaway directory under --work-dir; put it on the disk you want measured."},
        mixinStandardHelpOptions = true)
final class StorageBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--writers", paramLabel = "N[,N...]", split = ",", defaultValue = "1,16,64",
            description = "Concurrent writer counts to measure (default: ${DEFAULT-VALUE}).")
    private List<Integer> writers;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3",
            description = "Seconds measured per throughput point, after a warm-up of a third of that (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--object-mib", paramLabel = "MIB", defaultValue = "256",
            description = "Size of each checkpoint written and read back, in MiB (default: ${DEFAULT-VALUE}).")
    private long objectMib;

    @Option(names = "--objects", paramLabel = "K", defaultValue = "6",
            description = "Checkpoints written per chunk layout (default: ${DEFAULT-VALUE}).")
    private int objects;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${java.io.tmpdir}",
            description = "Where the throwaway data directories go (default: ${DEFAULT-VALUE}).")
    private Path workDir;

    @Option(names = "--json", description = "Print one JSON object with every figure.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        StorageBenchOptions options;
        try {
            if (seconds < 1) {
                throw new IllegalArgumentException("--seconds must be >= 1, got " + seconds);
            }
            options = new StorageBenchOptions(workDir, Duration.ofSeconds(seconds), writers, objectMib << 20, objects);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine().getErr().println("gantry bench storage: measuring, about "
                + (writers.size() * (2 * seconds + 4) + objects * objectMib / 100) + " s");
        StorageBenchReport report = StorageBench.run(options);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(report) : render(report));
        out.flush();
        return 0;
    }

    private static String json(StorageBenchReport report) throws JsonProcessingException {
        return GantryJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    }

    private static String render(StorageBenchReport report) {
        StringBuilder out = new StringBuilder("Journal: durable events/s (sync on)\n");
        out.append(String.format(Locale.ROOT, "  %8s %14s %14s %8s %12s%n", "writers", "journal", "raw RocksDB",
                "ratio", "events/sync"));
        for (JournalPoint p : report.journal()) {
            out.append(String.format(Locale.ROOT, "  %8d %,14.0f %,14.0f %8.2f %12.1f%n", p.writers(),
                    p.journalEventsPerSecond(), p.rawEventsPerSecond(), p.journalToRaw(), p.eventsPerSync()));
        }
        StorageBenchReport.Targets t = report.targets();
        out.append(String.format(Locale.ROOT, "  at %d writers: %s target journal >= 0.7 x raw; %s target >= 20,000 events/s%n",
                t.writers(), verdict(t.journalAtLeast70PercentOfRaw()), verdict(t.journalAtLeast20kEventsPerSecond())));
        out.append("\nCheckpoint store (write includes the compactions it caused)\n");
        for (ObjectStorePoint p : report.objects()) {
            out.append(String.format(Locale.ROOT, "  %-11s %d x %d MiB: write %,7.0f MiB/s, read %,7.0f MiB/s, %,d MiB on disk%n",
                    p.layout(), p.objects(), p.bytesPerObject() >> 20, p.writeMiBPerSecond(), p.readMiBPerSecond(),
                    p.diskBytesAfter() >> 20));
        }
        return out.toString();
    }

    private static String verdict(boolean met) {
        return met ? "ok  " : "MISS";
    }
}
