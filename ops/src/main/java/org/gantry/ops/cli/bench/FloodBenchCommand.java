package org.gantry.ops.cli.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gantry.ops.bench.FloodBench;
import org.gantry.ops.bench.FloodOptions;
import org.gantry.ops.bench.FloodReport;
import org.gantry.ops.bench.LatencySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry bench flood}: whether one tenant flooding the API slows the other tenants' submits. */
@Command(name = "flood",
        header = "Time quiet tenants' submits without and beside one tenant flooding the API.",
        description = {
            "Makes --quiet-tenants tenants and one flooding tenant, each with a token of its own, "
                + "then submits simulated:3600 jobs at a steady pace: phase A, each quiet tenant at "
                + "--quiet-rate per second for --seconds; phase B, the same while the flooding tenant "
                + "submits at --flood-rate per second (10 times the default limit of 50/s), so most of "
                + "its submits are answered 429. Prints the quiet tenants' submit latency in both "
                + "phases, the ratio of their p99s (the target is at most 1.2), the flood's answers and "
                + "whether every 429 carried Retry-After. Phase A+ between them has the flooding tenant "
                + "submit just at --limit-rate: B against A+ is what the refused submits cost, apart from "
                + "the accepted ones. Phase A2 after them has the quiet tenants alone again: each accepted "
                + "submit leaves a waiting job, so A2 meets a longer queue than B did, and B/A2 tells "
                + "what is the flood's and what is the queue's.",
            "Each tenant submits over keep-alive connections of its own, enough for its rate at "
                + "200 ms a submit, opened before the warm-up. The server's CPU seconds per phase "
                + "(when the bench started it) give the CPU of one accepted submit and of one 429; "
                + "the bench's own show what the load generator took from the same cores.",
            "Without --url (or GANTRY_URL) it starts 'gantry up' with one simulated node in a JVM of "
                + "its own on a new data directory, and stops it at the end. With --url it needs an "
                + "admin token (--token or GANTRY_TOKEN), and leaves its tenants and their waiting "
                + "jobs behind.",
            ""},
        footer = {"", "Examples:",
            "  gantry bench flood",
            "  gantry bench flood --quiet-tenants 4 --seconds 30 --json",
            "  gantry bench flood --url http://127.0.0.1:8080 --token $(cat gantry-data/admin.token)"},
        mixinStandardHelpOptions = true)
final class FloodBenchCommand implements Callable<Integer> {
    static final double TARGET_P99_RATIO = 1.2;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiTarget target;

    @Option(names = "--quiet-tenants", paramLabel = "N", defaultValue = "2",
            description = "Tenants submitting at a steady pace (default: ${DEFAULT-VALUE}).")
    private int quietTenants;

    @Option(names = "--quiet-rate", paramLabel = "R", defaultValue = "20",
            description = "Submits per second of each quiet tenant (default: ${DEFAULT-VALUE}).")
    private double quietRate;

    @Option(names = "--flood-rate", paramLabel = "R", defaultValue = "500",
            description = "Submits per second of the flooding tenant (default: ${DEFAULT-VALUE}).")
    private double floodRate;

    @Option(names = "--limit-rate", paramLabel = "R", defaultValue = "50",
            description = "Also time the quiet tenants beside the flooding tenant at this rate, its limit, to tell "
                    + "what its accepted submits cost from what its refused ones do; 0 to skip "
                    + "(default: ${DEFAULT-VALUE}).")
    private double limitRate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
            description = "Length of each phase (default: ${DEFAULT-VALUE}).")
    private long seconds;

    @Option(names = "--warm-up", paramLabel = "S", defaultValue = "20",
            description = "Quiet traffic before phase A, not counted: long enough for the server's JIT to "
                    + "settle, or phase A is slower than the rest (default: ${DEFAULT-VALUE}).")
    private long warmUp;

    @Option(names = "--json", description = "Print one JSON object with every figure.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        URI url = target.givenUrl();
        FloodOptions options;
        try {
            options = new FloodOptions(url, url == null ? null : target.token(), quietTenants, quietRate, floodRate,
                    limitRate, Duration.ofSeconds(seconds), Duration.ofSeconds(warmUp));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        var err = spec.commandLine().getErr();
        FloodReport report = new FloodBench(options).run(line -> {
            err.println("bench flood: " + line);
            err.flush();
        });
        BenchOutput.print(spec, json, report, FloodBenchCommand::render);
        return report.quietAllAccepted() && report.floodAllAnswered() && report.flood().everyRefusalHadRetryAfter()
                ? 0 : 1;
    }

    private static String render(FloodReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Quiet tenants: %d at %.0f submits/s each, %.0f s a phase%n",
                r.quietTenants(), r.quietRatePerTenant(), r.phaseSeconds()));
        latency(out, "A, alone", r.quietWithoutFlood());
        out.append("    answers: ").append(r.quietStatusesWithoutFlood()).append('\n');
        if (r.quietAtLimit() != null) {
            latency(out, String.format(Locale.ROOT, "A+, one at %.0f/s", r.atLimitRate()), r.quietAtLimit());
        }
        latency(out, String.format(Locale.ROOT, "B, flood at %.0f/s", r.floodRate()), r.quietWithFlood());
        out.append("    answers: ").append(r.quietStatusesWithFlood()).append('\n');
        out.append(String.format(Locale.ROOT, "  p99 B/A: %.2f  %s%n", r.p99Ratio(),
                BenchReport.verdict(r.p99Ratio() <= TARGET_P99_RATIO, "<= 1.2")));
        if (r.quietAtLimit() != null) {
            out.append(String.format(Locale.ROOT, "  p99 B/A+: %.2f (what the refused submits cost, beyond the "
                    + "accepted ones)%n", r.p99RatioToAtLimit()));
        }
        latency(out, "A2, alone again", r.quietAfterFlood());
        out.append(String.format(Locale.ROOT, "  p99 B/A2: %.2f (A2 meets the longest queue of waiting jobs)%n",
                r.p99RatioToAfter()));
        FloodReport.Flood f = r.flood();
        out.append(String.format(Locale.ROOT, "Flood: %,d sent, %,d accepted (201), %,d refused (429); answers %s%n",
                f.sent(), f.accepted(), f.refused(), f.statuses()));
        out.append(String.format(Locale.ROOT, "  every 429 had Retry-After: %s%s%n",
                f.everyRefusalHadRetryAfter() ? "yes" : "NO", f.everyRefusalHadRetryAfter() ? ""
                        : " (" + f.refusedWithoutRetryAfter() + " without)"));
        out.append(String.format(Locale.ROOT, "  its latency ms: p50 %.1f, p99 %.1f, max %.1f%n",
                f.latency().p50Ms(), f.latency().p99Ms(), f.latency().maxMs()));
        if (f.firstFailure() != null) {
            out.append("  unanswered (-1), the first because: ").append(f.firstFailure()).append('\n');
        }
        cpu(out, r.cpu());
        return out.toString();
    }

    private static void cpu(StringBuilder out, FloodReport.Cpu cpu) {
        if (!Double.isNaN(cpu.alone().serverSeconds())) {
            out.append(String.format(Locale.ROOT, "Server CPU s: A %.2f%s, B %.2f%n", cpu.alone().serverSeconds(),
                    cpu.atLimit() == null ? "" : String.format(Locale.ROOT, ", A+ %.2f", cpu.atLimit().serverSeconds()),
                    cpu.flood().serverSeconds()));
        }
        if (!Double.isNaN(cpu.serverMsPerRefused())) {
            out.append(String.format(Locale.ROOT, "  server CPU ms per accepted submit %.2f, per 429 %.3f%n",
                    cpu.serverMsPerAccepted(), cpu.serverMsPerRefused()));
        }
        out.append(String.format(Locale.ROOT, "Bench CPU s (its own): A %.2f%s, B %.2f%n", cpu.alone().benchSeconds(),
                cpu.atLimit() == null ? "" : String.format(Locale.ROOT, ", A+ %.2f", cpu.atLimit().benchSeconds()),
                cpu.flood().benchSeconds()));
    }

    private static void latency(StringBuilder out, String phase, LatencySummary s) {
        out.append(String.format(Locale.ROOT, "  %-18s submit ms: p50 %.1f, p99 %.1f, max %.1f (%,d submits)%n",
                phase + ":", s.p50Ms(), s.p99Ms(), s.maxMs(), s.count()));
    }
}
