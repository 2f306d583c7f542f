package org.gantry.ops.cli;

import java.util.List;
import java.util.Locale;
import org.gantry.scheduler.sim.SimulationResult;
import org.gantry.scheduler.sim.StartEstimateAccuracy;

/** The human-readable comparison table of {@code gantry simulate}. */
final class SimulationTable {
    private SimulationTable() {}

    static String render(List<SimulationResult> results, double lowerBound) {
        var table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-13s %7s %11s %11s %11s %11s %9s %6s %8s %10s %7s %6s%n", "policy",
                "jobs", "avg JCT s", "p50 JCT s", "p99 JCT s", "avg wait s", "makespan", "util", "preempt", "violations",
                "wall s", "cpu s"));
        for (SimulationResult r : results) {
            long violations = r.capacityViolations() + r.doubleAllocations() + r.quotaViolations();
            table.append(String.format(Locale.ROOT, "%-13s %7d %11.0f %11.0f %11.0f %11.0f %9s %5.1f%% %8d %10d %7.1f %6.1f%n",
                    r.policy(), r.jobs(), r.avgJctSeconds(), r.p50JctSeconds(), r.p99JctSeconds(), r.avgWaitSeconds(),
                    human(r.makespanSeconds()), 100 * r.utilization(), r.preemptions(), violations, r.wallSeconds(),
                    r.cpuSeconds()));
            if (r.unfinished() > 0) {
                table.append(String.format("  %s: %d jobs never finished (larger than the cluster, or starved)%n",
                        r.policy(), r.unfinished()));
            }
        }
        results.stream().filter(r -> !Double.isNaN(r.predictionMedianAbsLogError())).findFirst().ifPresent(r ->
                table.append(String.format(Locale.ROOT, "%nduration predictions (what non-oracle policies are told): "
                        + "median |ln(predicted/actual)| %.2f (off by %.1fx), %.0f%% predicted too short%n",
                        r.predictionMedianAbsLogError(), Math.exp(r.predictionMedianAbsLogError()),
                        100 * r.predictionUnderestimateRate())));
        if (lowerBound <= 0) {
            return table.append(String.format("%nno jobs in the selection: nothing to compare%n")).toString();
        }
        table.append(String.format(Locale.ROOT, "%nlower bound on avg JCT: %.0f s", lowerBound));
        for (SimulationResult r : results) {
            table.append(String.format(Locale.ROOT, "  %s %.2fx", r.policy(), r.avgJctSeconds() / lowerBound));
        }
        return table.append('\n').toString();
    }

    /** One line per policy whose start estimates were sampled ({@code --estimate-starts}); empty when none were. */
    static String startEstimates(List<SimulationResult> results, List<StartEstimateAccuracy> estimates) {
        var lines = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            StartEstimateAccuracy e = estimates.get(i);
            if (e.sampledEvery() == 0) {
                continue;
            }
            lines.append(String.format(Locale.ROOT, "start estimates at submit, %s (every %d%s submit, %d jobs that "
                    + "waited >= 5 min): median |estimated - actual start| %.0f%% of the wait; the 10-90%% range held "
                    + "%.0f%%%n", results.get(i).policy(), e.sampledEvery(), ordinal(e.sampledEvery()), e.scored(),
                    100 * e.medianRelativeError(), 100 * e.rangeHolds()));
        }
        return lines.toString();
    }

    private static String ordinal(int n) {
        return n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static String human(long seconds) {
        if (seconds >= 86_400) {
            return String.format(Locale.ROOT, "%.1fd", seconds / 86_400.0);
        }
        if (seconds >= 3_600) {
            return String.format(Locale.ROOT, "%.1fh", seconds / 3_600.0);
        }
        return seconds + "s";
    }
}
