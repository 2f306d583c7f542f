package org.gantry.ops.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gantry.ops.bench.LatencySummary;
import org.gantry.ops.bench.RestartBench;
import org.gantry.ops.bench.RestartOptions;
import org.gantry.ops.bench.RestartReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry bench restart}: what restarting on a long job history costs. */
@Command(name = "restart",
        header = "Restart gantry up on a data directory with a job history and measure what the history costs.",
        description = {
            "Starts 'gantry up' on --data-dir in a JVM of its own (the jar this runs from,",
            "the launcher's G1 options, and --jvm-option's), and measures from the launch:",
            "the time until GET /readyz answers 200; the time until scheduling resumes (a",
            "job placed after the launch shows up in GET /jobs); the JVM's live heap then",
            "(jcmd GC.class_histogram, after a full GC; the histogram is kept in DIR/bench-",
            "restart-histogram.txt); GET /jobs?state=SUCCEEDED&limit=100 latency,",
            "sequential, while the queue drains, then at rest (every node cordoned, once no",
            "job holds GPUs) newest first and with a cursor half-way back through the",
            "history; and the rocksdb directory's size per finished job, as it was before",
            "the start. Stops the node at the end; its log is DIR/bench-restart.log.",
            "",
            "Make the directory with 'gantry bench history'; the run changes it (queued",
            "jobs start), so copy it first to measure again from the same state.",
            ""},
        footer = {"", "Example:",
            "  gantry bench history --data-dir /tmp/history --finished 1000000 --pending 10000 --running 1000",
            "  gantry bench restart --data-dir /tmp/history --nodes 4 --gpus-per-node 8"},
        mixinStandardHelpOptions = true)
final class RestartBenchCommand implements Callable<Integer> {
    private static final double TARGET_READY_SECONDS = 10;
    private static final double TARGET_RESUMED_SECONDS = 15;
    private static final double TARGET_P99_MILLIS = 50;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The data directory to start on.")
    private Path dataDir;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "4",
            description = "Simulated GPU nodes gantry up runs (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--gpus-per-node", paramLabel = "G", defaultValue = "8",
            description = "GPUs per node (default: ${DEFAULT-VALUE}).")
    private int gpusPerNode;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "18080",
            description = "Port gantry up serves on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "1000",
            description = "GET /jobs requests timed per listing (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "An option for gantry up's JVM, e.g. --jvm-option=-Xmx2g; repeatable.")
    private List<String> jvmOptions = List.of();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up if not ready, or no job is placed, this long after the launch (default: ${DEFAULT-VALUE}).")
    private long timeout;

    @Option(names = "--json", description = "Print one JSON object with every figure.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        RestartOptions options;
        try {
            options = new RestartOptions(dataDir, nodes, gpusPerNode, port, requests, jvmOptions,
                    Duration.ofSeconds(timeout));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        RestartReport report = new RestartBench(options).run(line -> {
            err.println("bench restart: " + line);
            err.flush();
        });
        BenchOutput.print(spec, json, report, RestartBenchCommand::render);
        return 0;
    }

    private static String render(RestartReport r) {
        return String.format(Locale.ROOT, "History: %,d finished, %,d pending, %,d running jobs%n"
                        + "Ready (GET /readyz 200):           %5.1f s after the launch  %s%n"
                        + "Scheduling resumed (a job placed): %5.1f s after the launch  %s%n"
                        + "Live heap then: %,.1f MiB (target: within 1.2x of a run on 10,000 finished jobs)%n"
                        + "GET /jobs?state=SUCCEEDED&limit=100 while the queue drains: %s%n"
                        + "  at rest, newest:                                       %s  %s%n"
                        + "  at rest, with a cursor half-way back:                  %s  %s%n"
                        + "Disk: %,.1f MiB of rocksdb = %,.0f bytes per finished job (as is, no compaction)%n",
                r.finished(), r.pending(), r.running(),
                r.readySeconds(), BenchReport.verdict(r.readySeconds() <= TARGET_READY_SECONDS, "<= 10 s"),
                r.resumedSeconds(), BenchReport.verdict(r.resumedSeconds() <= TARGET_RESUMED_SECONDS, "<= 15 s"),
                r.liveHeapBytes() / 1048576.0, latency(r.listBusy()),
                latency(r.listNewest()), BenchReport.verdict(r.listNewest().p99Ms() <= TARGET_P99_MILLIS, "p99 <= 50 ms"),
                latency(r.listDeep()), BenchReport.verdict(r.listDeep().p99Ms() <= TARGET_P99_MILLIS, "p99 <= 50 ms"),
                r.diskBytes() / 1048576.0, r.diskBytesPerFinishedJob());
    }

    private static String latency(LatencySummary s) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d requests)",
                s.p50Ms(), s.p99Ms(), s.maxMs(), s.count());
    }
}
