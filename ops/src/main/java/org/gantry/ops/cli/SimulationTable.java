package org.gantry.ops.cli;

import java.util.List;
import java.util.Locale;
import org.gantry.scheduler.sim.DurationCalibration;
import org.gantry.scheduler.sim.SimulationResult;
import org.gantry.scheduler.sim.StartEstimateAccuracy;

/** The human-readable comparison table of {@code gantry simulate}. */
final class SimulationTable {
    private SimulationTable() {}

    static String render(List<SimulationResult> results, double lowerBound) {
        var table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-13s %7s %11s %11s %11s %11s %9s %9s %6s %8s %10s %7s %6s%n", "policy",
                "jobs", "avg JCT s", "p50 JCT s", "p99 JCT s", "avg wait s", "max wait", "makespan", "util", "preempt",
                "violations", "wall s", "cpu s"));
        for (SimulationResult r : results) {
            long violations = r.capacityViolations() + r.doubleAllocations() + r.quotaViolations();
            table.append(String.format(Locale.ROOT, "%-13s %7d %11.0f %11.0f %11.0f %11.0f %9s %9s %5.1f%% %8d %10d "
                    + "%7.1f %6.1f%n", r.policy(), r.jobs(), r.avgJctSeconds(), r.p50JctSeconds(), r.p99JctSeconds(),
                    r.avgWaitSeconds(), human(r.maxWaitSeconds()), human(r.makespanSeconds()), 100 * r.utilization(),
                    r.preemptions(), violations, r.wallSeconds(), r.cpuSeconds()));
            if (r.unfinished() > 0) {
                table.append(String.format("  %s: %d jobs never finished (larger than the cluster, or starved)%n",
                        r.policy(), r.unfinished()));
            }
        }
        results.stream().filter(r -> !Double.isNaN(r.predictionMedianAbsLogError())).findFirst().ifPresent(r ->
                table.append(String.format(Locale.ROOT, "%nduration predictions (what non-oracle policies are told): "
                        + "median |ln(predicted/actual)| %.2f (off by %.1fx), %.0f%% predicted too short%n",
                        r.predictionMedianAbsLogError(), Math.exp(r.predictionMedianAbsLogError()),
                        100 * r.predictionUnderestimateRate()) + calibration(r)));
        if (lowerBound <= 0) {
            return table.append(String.format("%nno jobs in the selection: nothing to compare%n")).toString();
        }
        table.append(String.format(Locale.ROOT, "%nlower bound on avg JCT: %.0f s", lowerBound));
        for (SimulationResult r : results) {
            table.append(String.format(Locale.ROOT, "  %s %.2fx", r.policy(), r.avgJctSeconds() / lowerBound));
        }
        return table.append('\n').toString();
    }

    /**
     * The calibration table of the distributions told at submit: how many durations fell at or
     * below each predicted quantile, and inside the 10-90% range; empty when none was told.
     */
    private static String calibration(SimulationResult r) {
        if (r.predictionCalibrationTable().rows().isEmpty()) {
            return "";
        }
        var line = new StringBuilder("calibration (share of durations at or below the quantile predicted at submit;"
                + " calibrated: equal to it):");
        for (DurationCalibration.Row row : r.predictionCalibrationTable().rows()) {
            line.append(String.format(Locale.ROOT, " %.0f%%: %.0f%%", 100 * row.quantile(), 100 * row.shareAtOrBelow()));
        }
        return line.append(String.format(Locale.ROOT, "; inside the 10-90%% range: %.0f%% (calibrated: 80%%)%n",
                100 * r.predictionCalibration())).toString();
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
                    + "waited >= 5 min): median |estimated - actual start| %.0f%% of the wait (signed %+.0f%%: "
                    + "negative is early); the 10-90%% range held %.0f%% (median width %.0f%% of the wait)%n",
                    results.get(i).policy(), e.sampledEvery(), ordinal(e.sampledEvery()), e.scored(),
                    100 * e.medianRelativeError(), 100 * e.medianSignedError(), 100 * e.rangeHolds(),
                    100 * e.medianRangeWidth()));
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
