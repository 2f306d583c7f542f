package org.gantry.ops.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gantry.ops.bench.history.HistoryGenerator;
import org.gantry.ops.bench.history.HistoryReport;
import org.gantry.ops.bench.history.HistoryShape;
import org.gantry.ops.cli.Progress;
import org.gantry.ops.node.SimulatedFleet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry bench history}: a data directory with a long job history, for restart and listing benchmarks. */
@Command(name = "history",
        header = "Fill a new data directory with a job history: finished, running and pending jobs.",
        description = {
            "Writes the events the job entities would have written, through the real",
            "journal plugin, into a new --data-dir, with the job table's projector",
            "following them as on a live control node; then reports events/s written and",
            "projected. Jobs look like Microsoft's Philly trace: mostly 1 GPU, runtimes",
            "around ten minutes with a long tail, about 70%% succeeded, 15%% failed, 15%%",
            "cancelled, submitted over the last 90 days. Running jobs are placed on the",
            "nodes 'gantry up --nodes N --gpus-per-node G' runs; pending ones were",
            "submitted in the last hour. Every job runs the process 'true'.",
            "",
            "Tenants 'default', 'team-2', … 'team-T' are created too, each guaranteed an",
            "equal share of the GPUs.",
            "",
            "Start the result with: gantry up --data-dir DIR --nodes N --gpus-per-node G",
            "(or gantry bench restart).",
            ""},
        footer = {"", "Example:",
            "  gantry bench history --data-dir /tmp/history --finished 1000000 --pending 10000 --running 1000",
            "  gantry bench restart --data-dir /tmp/history"},
        mixinStandardHelpOptions = true)
final class HistoryBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "A new data directory (one without rocksdb/ in it).")
    private Path dataDir;

    @Option(names = "--finished", paramLabel = "N", defaultValue = "10000",
            description = "Finished jobs (default: ${DEFAULT-VALUE}).")
    private int finished;

    @Option(names = "--pending", paramLabel = "P", defaultValue = "10000",
            description = "Pending jobs (default: ${DEFAULT-VALUE}).")
    private int pending;

    @Option(names = "--running", paramLabel = "R", defaultValue = "1000",
            description = "Running jobs, as their records say; nothing runs them, so after a restart the "
                    + "agents report them gone and they go back to the queue (default: ${DEFAULT-VALUE}).")
    private int running;

    @Option(names = "--tenants", paramLabel = "T", defaultValue = "8", description = "Tenants (default: ${DEFAULT-VALUE}).")
    private int tenants;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "4",
            description = "Nodes the running jobs are on, as gantry up --nodes names them (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--gpus-per-node", paramLabel = "G", defaultValue = "8",
            description = "GPUs per node (default: ${DEFAULT-VALUE}).")
    private int gpusPerNode;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--json", description = "Print one JSON object with every figure.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        HistoryShape shape;
        try {
            SimulatedFleet.check(nodes, gpusPerNode);
            shape = new HistoryShape(dataDir, finished, pending, running, tenants, nodes, gpusPerNode, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, "bench history");
        HistoryReport report;
        try {
            report = new HistoryGenerator(shape).run(progress::update);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        progress.done(String.format(Locale.ROOT, "%,d jobs written", shape.jobs()));
        BenchOutput.print(spec, json, report, HistoryBenchCommand::render);
        return 0;
    }

    private static String render(HistoryReport r) {
        return String.format(Locale.ROOT, "Jobs: %,d finished (%,d succeeded, %,d failed, %,d cancelled), %,d running, "
                        + "%,d pending, %d tenants%n"
                        + "Written: %,d job events in %.1f s = %,.0f events/s%n"
                        + "Projected: table caught up %.1f s after the last write = %,.0f events/s overall%n",
                r.finished(), r.succeeded(), r.failed(), r.cancelled(), r.running(), r.pending(), r.tenants(),
                r.jobEvents(), r.writeSeconds(), r.eventsWrittenPerSecond(), r.caughtUpSeconds(),
                r.eventsProjectedPerSecond());
    }
}
