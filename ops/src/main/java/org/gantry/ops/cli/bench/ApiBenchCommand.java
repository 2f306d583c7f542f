package org.gantry.ops.cli.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gantry.ops.bench.ApiLoad;
import org.gantry.ops.bench.ApiLoadOptions;
import org.gantry.ops.bench.ApiLoadReport;
import org.gantry.ops.cli.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry bench api}: load on a running Gantry's REST API, as its clients would make it. */
@Command(name = "api",
        header = "Load a running Gantry over HTTP: durable submits/s, submit latency, jobs/s end to end.",
        description = {
            "Submits --jobs jobs to a running Gantry (gantry up, or a control node) over real HTTP.",
            "Closed loop (default): --clients clients, each submitting as soon as its last submit was answered; " +
            "this measures the highest durable submit rate. Open loop (--rate R): R submits per second at a fixed " +
            "pace, latency counted from when each was due; this measures latency at a given load.",
            "With --wait it then waits for every job to end and reports jobs/s end to end, submit-to-start " +
            "times, and how busy the GPUs were while jobs waited (sampled from GET /pools every second).",
            ""},
        footer = {"", "Examples:",
            "  gantry up --nodes 2 --gpus-per-node 8 &",
            "  export GANTRY_TOKEN=$(cat gantry-data/admin.token)",
            "  gantry bench api --clients 64 --jobs 20000",
            "  gantry bench api --rate 500 --jobs 10000",
            "  gantry bench api --clients 16 --jobs 1000 --workload true --wait"},
        mixinStandardHelpOptions = true)
final class ApiBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiTarget target;

    @Option(names = "--tenant", paramLabel = "NAME", defaultValue = "default",
            description = "Tenant the jobs are for, when the token is the admin's (default: ${DEFAULT-VALUE}).")
    private String tenant;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "10000", description = "Jobs to submit (default: ${DEFAULT-VALUE}).")
    private int jobs;

    @Option(names = "--clients", paramLabel = "C", defaultValue = "64",
            description = "Concurrent clients in closed loop (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
            description = "Submits per second, open loop; 0 for closed loop (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--workload", paramLabel = "KIND", defaultValue = "simulated:60",
            description = "What each job runs: simulated:SECONDS, or a command run as a process, e.g. 'true' "
                    + "(default: ${DEFAULT-VALUE}).")
    private String workload;

    @Option(names = "--gpus", paramLabel = "G", defaultValue = "1", description = "GPUs per job (default: ${DEFAULT-VALUE}).")
    private int gpus;

    @Option(names = "--wait", description = "Wait for every job to end, and measure end to end.")
    private boolean wait;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Give up waiting after this long (default: ${DEFAULT-VALUE}).")
    private long waitTimeout;

    @Option(names = "--json", description = "Print one JSON object with every figure.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        String bearer = target.token();
        ApiLoadOptions options;
        try {
            options = new ApiLoadOptions(target.url(), bearer, jobs, clients, rate, jobBody(),
                    wait, Duration.ofSeconds(waitTimeout));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, "bench api");
        ApiLoad load = new ApiLoad(options);
        ApiLoadReport report = load.run(progress::update);
        if (report.submitted() == 0) { // say why, rather than print a report of nothing
            throw new IllegalStateException("no submit was accepted, so there is nothing to measure; "
                    + (load.firstRefusal() != null ? "the server answered " + load.firstRefusal()
                    : "no answer came from " + options.url()));
        }
        progress.done(String.format(java.util.Locale.ROOT, "%,d submitted", report.submitted()));
        BenchOutput.print(spec, json, report, ApiBenchCommand::render);
        return report.statuses().keySet().stream().allMatch(status -> status == 201) ? 0 : 1;
    }

    private String jobBody() {
        String kind;
        if (workload.startsWith("simulated:")) {
            kind = "{\"kind\":\"simulated\",\"seconds\":" + Long.parseLong(workload.substring("simulated:".length())) + "}";
        } else {
            StringBuilder command = new StringBuilder();
            for (String part : workload.trim().split("\\s+")) {
                command.append(command.isEmpty() ? "" : ",").append('"').append(part.replace("\"", "\\\"")).append('"');
            }
            kind = "{\"kind\":\"process\",\"command\":[" + command + "]}";
        }
        return "{\"name\":\"bench\",\"tenant\":\"" + tenant + "\",\"gpus\":" + gpus + ",\"workload\":" + kind + "}";
    }

    private static String render(ApiLoadReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Submits (%s loop, %s): %,d accepted in %.1f s = %,.0f jobs/s%n",
                r.mode(), r.mode().equals("open") ? String.format(Locale.ROOT, "%.0f/s", r.targetRate())
                        : r.clients() + " clients", r.submitted(), r.submitSeconds(), r.submitsPerSecond()));
        out.append(String.format(Locale.ROOT, "  latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
                r.submitLatency().p50Ms(), r.submitLatency().p90Ms(), r.submitLatency().p99Ms(),
                r.submitLatency().maxMs()));
        out.append("  answers: ").append(r.statuses()).append('\n');
        ApiLoadReport.EndToEnd e = r.endToEnd();
        if (e != null) {
            out.append(String.format(Locale.ROOT, "End to end: %,d succeeded, %,d failed, %,d cancelled in %.1f s = "
                    + "%,.1f jobs/s%n", e.succeeded(), e.failed(), e.cancelled(), e.seconds(), e.jobsPerSecond()));
            out.append(String.format(Locale.ROOT, "  submit->start ms: p50 %.0f, p99 %.0f, max %.0f%n",
                    e.submitToStart().p50Ms(), e.submitToStart().p99Ms(), e.submitToStart().maxMs()));
            ApiLoadReport.Stages stages = e.stages();
            out.append(String.format(Locale.ROOT, "  stages p50 (p99) ms: submitted->scheduled %.1f (%.1f), "
                    + "scheduled->started %.1f (%.1f), started->finished %.1f (%.1f)%n",
                    stages.submittedToScheduled().p50Ms(), stages.submittedToScheduled().p99Ms(),
                    stages.scheduledToStarted().p50Ms(), stages.scheduledToStarted().p99Ms(),
                    stages.startedToFinished().p50Ms(), stages.startedToFinished().p99Ms()));
            out.append(String.format(Locale.ROOT, "  GPUs busy while jobs waited: %.1f%%, %.1f%% once all were "
                    + "first busy (%d samples)%n", 100 * e.busyWhileWaiting(), 100 * e.busyOnceFilled(),
                    e.utilizationSamples()));
        }
        return out.toString();
    }
}
