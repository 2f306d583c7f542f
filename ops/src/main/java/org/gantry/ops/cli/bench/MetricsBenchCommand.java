package org.gantry.ops.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gantry.ops.bench.LatencySummary;
import org.gantry.ops.bench.MetricsBench;
import org.gantry.ops.bench.MetricsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry bench metrics}: what one Prometheus scrape of a large Gantry costs. */
@Command(name = "metrics",
        header = "Start gantry up with many nodes on a job history and time GET /metrics.",
        description = {
            "Starts 'gantry up' on --data-dir with --nodes simulated nodes in a JVM of its own, waits " +
            "until every node shows in /metrics, then times --scrapes sequential GET /metrics (after " +
            "20 unrecorded ones) and counts one scrape's bytes and series. Stops the node at the end; " +
            "its log is DIR/bench-metrics.log. Make the directory with 'gantry bench history'.",
            ""},
        footer = {"", "Example:",
            "  gantry bench history --data-dir /tmp/h100k --finished 100000 --pending 1000 --running 100",
            "  gantry bench metrics --data-dir /tmp/h100k --nodes 1000"},
        mixinStandardHelpOptions = true)
final class MetricsBenchCommand implements Callable<Integer> {
    private static final double TARGET_P99_MILLIS = 100;
    private static final long TARGET_BYTES = 1024 * 1024;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The data directory to start on.")
    private Path dataDir;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1000",
            description = "Simulated GPU nodes gantry up runs (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--gpus-per-node", paramLabel = "G", defaultValue = "8",
            description = "GPUs per node (default: ${DEFAULT-VALUE}).")
    private int gpusPerNode;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "18080",
            description = "Port gantry up serves on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--scrapes", paramLabel = "N", defaultValue = "200",
            description = "GET /metrics requests timed (default: ${DEFAULT-VALUE}).")
    private int scrapes;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "An option for gantry up's JVM, e.g. --jvm-option=-Xmx2g; repeatable.")
    private List<String> jvmOptions = List.of();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up if the nodes do not all show this long after the launch (default: ${DEFAULT-VALUE}).")
    private long timeout;

    @Option(names = "--json", description = "Print one JSON object with every figure.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        MetricsBench bench;
        try {
            bench = new MetricsBench(dataDir, nodes, gpusPerNode, port, scrapes, jvmOptions, Duration.ofSeconds(timeout));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        MetricsReport report = bench.run(line -> {
            err.println("bench metrics: " + line);
            err.flush();
        });
        BenchOutput.print(spec, json, report, MetricsBenchCommand::render);
        return 0;
    }

    private static String render(MetricsReport r) {
        LatencySummary s = r.scrape();
        return String.format(Locale.ROOT, "State: %,d nodes, %,d live jobs (%,d waiting), %,d finished in the history%n"
                        + "GET /metrics: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d scrapes)  %s%n"
                        + "  collecting and rendering in the server: %.1f ms a scrape on average%n"
                        + "Size: %,d bytes (%.2f MiB)  %s%n"
                        + "Series: %,d; largest families: %s%n",
                r.nodes(), r.liveJobs(), r.pendingJobs(), r.historyFinished(),
                s.p50Ms(), s.p99Ms(), s.maxMs(), s.count(), BenchReport.verdict(s.p99Ms() <= TARGET_P99_MILLIS,
                        "p99 <= 100 ms"),
                r.serverMeanMs(), r.bytes(), r.bytes() / 1048576.0, BenchReport.verdict(r.bytes() <= TARGET_BYTES, "<= 1 MiB"),
                r.series(), r.largestFamilies());
    }
}
