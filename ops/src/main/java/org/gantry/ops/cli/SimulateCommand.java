package org.gantry.ops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.gantry.api.json.GantryJson;
import org.gantry.scheduler.sim.BundledTraces;
import org.gantry.scheduler.sim.ClusterShape;
import org.gantry.scheduler.sim.LowerBound;
import org.gantry.scheduler.sim.QuotaMode;
import org.gantry.scheduler.sim.SimPolicy;
import org.gantry.scheduler.sim.Simulation;
import org.gantry.scheduler.sim.SimulationConfig;
import org.gantry.scheduler.sim.SimulationResult;
import org.gantry.scheduler.sim.StartEstimateAccuracy;
import org.gantry.scheduler.sim.Trace;
import org.gantry.scheduler.sim.TraceFormatException;
import org.gantry.scheduler.sim.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry simulate}: replay a job trace through the real policy code, several policies side by side. */
@Command(name = "simulate",
        description = {
            "Replay a job trace through Gantry's scheduling policies on a simulated cluster, and compare them.",
            "",
            "Each policy runs the same production code the scheduler runs, on a virtual clock. Use it to pick a "
                + "policy or size quotas before changing production: what if we had 16 more GPUs, or gave a team "
                + "a bigger guarantee?",
            ""},
        footer = {
            "",
            "Examples:",
            "  gantry simulate --trace tiresias-60 --cluster 4x8",
            "  gantry simulate --trace philly --cluster 80x8 --policies fifo-backfill,las,gantry",
            "  gantry simulate --trace philly --from P30D --to P37D --json > week5.json",
            "  gantry simulate --trace my-cluster.csv.gz --cluster 16x8",
            "",
            "Traces: Philly (timestamp,duration,num_gpus,gpu_time,cluster; the cluster column is the tenant) and "
                + "Tiresias (job_id,num_gpu,submit_time,iterations,model_name,duration,interval), recognised by "
                + "their header, plain or gzip-compressed. Two real ones ship inside Gantry: 'philly' (Microsoft's "
                + "Philly cluster, 82,247 jobs) and 'tiresias-60'. Every policy but sjf-oracle sees predicted "
                + "durations, as in production.",
            "Progress goes to stderr; results to stdout. Exit code 1 if any policy broke an invariant."},
        mixinStandardHelpOptions = true)
final class SimulateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--trace", required = true, paramLabel = "FILE|NAME",
            description = "The trace to replay: a CSV file (plain or .gz), or a bundled trace: philly, tiresias-60.")
    private String trace;

    @Option(names = "--cluster", paramLabel = "NODESxGPUS", defaultValue = "56x8",
            description = "Simulated cluster: nodes × GPUs per node (default: ${DEFAULT-VALUE}).")
    private String cluster;

    @Option(names = "--policies", split = ",", paramLabel = "POLICY",
            description = "Policies to compare, comma-separated (default: all): fifo, fifo-backfill, sjf-oracle, sjf, "
                    + "sjf-gpu, las, gantry; on request also gantry-fair, gittins (the Gittins index over GPU-time "
                    + "distributions learned from finished jobs), and srpt-oracle (preemptive shortest-remaining-work "
                    + "with true durations: a near-ideal yardstick for what any policy could reach).")
    private List<String> policies;

    @Option(names = "--quota", defaultValue = "proportional", paramLabel = "MODE",
            description = "proportional: each tenant is guaranteed its share of the trace's GPU-time and may borrow "
                    + "idle GPUs; none: no quotas (default: ${DEFAULT-VALUE}).")
    private String quota;

    @Option(names = "--checkpoint-interval", converter = DurationOption.class, defaultValue = "600",
            paramLabel = "DURATION", description = "How often jobs checkpoint; 0 for never (default: ${DEFAULT-VALUE} s).")
    private Duration checkpointInterval;

    @Option(names = "--restart-overhead", converter = DurationOption.class, defaultValue = "60",
            paramLabel = "DURATION", description = "Extra time each restart after a preemption costs "
                    + "(default: ${DEFAULT-VALUE} s).")
    private Duration restartOverhead;

    @Option(names = "--min-run", converter = DurationOption.class, defaultValue = "300", paramLabel = "DURATION",
            description = "How long a job runs before it may be preempted (default: ${DEFAULT-VALUE} s).")
    private Duration minRun;

    @Option(names = "--limit", paramLabel = "N", description = "Replay only the first N jobs (by submit time).")
    private Integer limit;

    @Option(names = "--from", converter = DurationOption.class, paramLabel = "OFFSET",
            description = "Start of the window to replay, from the trace's first submit (seconds or P7D, PT12H).")
    private Duration from;

    @Option(names = "--to", converter = DurationOption.class, paramLabel = "OFFSET",
            description = "End of the window to replay, from the trace's first submit.")
    private Duration to;

    @Option(names = "--json", description = "Print results as JSON, one object per policy.")
    private boolean json;

    @Option(names = "--estimate-starts", paramLabel = "N", defaultValue = "0",
            description = "Every N-th submitted job is told when it will start, as production tells it (the queue "
                    + "run forward through the same policy with predicted durations, the jobs submitted in the last "
                    + "4 hours arriving again), and the estimate is scored "
                    + "against when it started: median |estimated - actual start| as a share of its wait, over jobs "
                    + "that waited at least 5 minutes, and how often the 10-90%% range held the start (with the median signed "
                    + "error and range width). Each estimate "
                    + "replays the queue three times, so sample sparsely: on the full Philly trace at 80x8, 100 added "
                    + "about 20 s to gantry's replay and about 5 minutes to gittins' (its queue moves more). "
                    + "0, the default, estimates nothing.")
    private int estimateStarts;

    @Override
    public Integer call() {
        ClusterShape shape = parse(() -> ClusterShape.parse(cluster));
        QuotaMode quotaMode = parse(() -> QuotaMode.valueOf(quota.trim().toUpperCase(Locale.ROOT)),
                "--quota must be 'proportional' or 'none', got '" + quota + "'");
        List<SimPolicy> chosen = new ArrayList<>();
        for (String name : policies == null ? SimPolicy.names() : policies) {
            chosen.add(parse(() -> SimPolicy.named(name, minRun.toSeconds())));
        }
        Path file = parse(() -> Path.of(trace), "--trace '" + trace + "' is not a file name");
        boolean bundled = BundledTraces.has(trace) && !Files.exists(file); // a file of that name wins
        if (!bundled && (!Files.isRegularFile(file) || !Files.isReadable(file))) {
            throw new ParameterException(spec.commandLine(), "cannot read trace file " + trace
                    + " (or name a trace that comes with Gantry: " + String.join(", ", BundledTraces.names()) + ")");
        }
        var selection = parse(() -> new TraceReader.Selection(from == null ? 0 : from.toSeconds(),
                to == null ? Long.MAX_VALUE : to.toSeconds(), limit == null ? Integer.MAX_VALUE : limit));
        Trace jobs;
        try {
            jobs = bundled ? BundledTraces.read(trace, selection) : TraceReader.read(file, selection);
        } catch (TraceFormatException e) {
            spec.commandLine().getErr().println("gantry simulate: " + e.getMessage());
            return 1;
        }
        var config = new SimulationConfig(shape, quotaMode, checkpointInterval.toSeconds(),
                restartOverhead.toSeconds(), minRun.toSeconds());
        PrintWriter err = spec.commandLine().getErr();
        err.println("gantry simulate: " + jobs.jobs().size() + " jobs from " + file.getFileName() + " on " + shape
                + " (" + shape.totalGpus() + " GPUs), quota " + quotaMode.name().toLowerCase(Locale.ROOT));
        double lowerBound = LowerBound.averageJctSeconds(jobs.jobs(), shape.totalGpus());
        if (estimateStarts < 0) {
            throw new ParameterException(spec.commandLine(), "--estimate-starts must be >= 0, got " + estimateStarts);
        }
        var results = new ArrayList<SimulationResult>();
        var estimates = new ArrayList<StartEstimateAccuracy>();
        for (SimPolicy policy : chosen) {
            Progress progress = new Progress(err, String.format("%-13s", policy.name()));
            Simulation simulation = Simulation.withPredictor(config, policy, jobs).estimateStartsEvery(estimateStarts);
            if (Boolean.getBoolean("gantry.sim.diagnoseEstimates")) {
                simulation.diagnoseEstimates(Boolean.getBoolean("gantry.sim.diagnoseEstimates.all"));
            }
            SimulationResult result = simulation.run(progress::update);
            estimates.add(simulation.startEstimateAccuracy());
            err.print(simulation.diagnosis());
            progress.done(String.format(Locale.ROOT, "avg JCT %.0f s in %.1f s (%.1f s of CPU)",
                    result.avgJctSeconds(), result.wallSeconds(), result.cpuSeconds()));
            results.add(result);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(results, estimates, lowerBound)
                : SimulationTable.render(results, lowerBound) + SimulationTable.startEstimates(results, estimates));
        out.flush();
        return results.stream().allMatch(SimulationResult::clean) ? 0 : 1;
    }

    private static String json(List<SimulationResult> results, List<StartEstimateAccuracy> estimates,
                               double lowerBound) {
        ArrayNode array = GantryJson.mapper().createArrayNode();
        for (int i = 0; i < results.size(); i++) {
            ObjectNode node = GantryJson.mapper().valueToTree(results.get(i));
            node.put("lowerBoundAvgJctSeconds", lowerBound);
            StartEstimateAccuracy estimated = estimates.get(i);
            if (estimated.sampledEvery() > 0) {
                node.set("startEstimates", GantryJson.mapper().valueToTree(estimated));
            }
            array.add(node);
        }
        try {
            return GantryJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T parse(Supplier<T> parser) {
        return parse(parser, null);
    }

    private <T> T parse(Supplier<T> parser, String message) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), message != null ? message : e.getMessage());
        }
    }
}
