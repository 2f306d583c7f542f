package org.gantry.ops.cli.bench;

import java.util.Locale;
import org.gantry.scheduler.bench.BenchResult;

/** The readable report of {@code gantry bench scheduler}, each figure beside its target. */
final class BenchReport {
    static final double TARGET_PLACEMENTS_PER_SECOND = 100_000;
    static final double TARGET_P99_MILLIS = 2.0;
    static final double TARGET_HEAP_BYTES_PER_JOB = 2048;

    private BenchReport() {}

    static String render(BenchResult r) {
        var out = new StringBuilder();
        line(out, "Scheduler benchmark: %,d nodes x %d GPUs (%,d GPUs), %,d pending jobs, policy %s, seed %d%n",
                r.nodes(), r.gpusPerNode(), r.totalGpus(), r.pending(), r.policy(), r.seed());
        line(out, "%n");
        line(out, "  fill        %,12.0f placements/s  %s  (%,d jobs in %d passes, %.3f s; %,d running, %,d GPUs "
                        + "left free)%n", r.placementsPerSecond(),
                verdict(r.placementsPerSecond() >= TARGET_PLACEMENTS_PER_SECOND, ">= 100,000/s"),
                r.fillPlacements(), r.fillPasses(), r.fillSeconds(), r.runningAfterFill(), r.freeGpusAfterFill());
        line(out, "  fill, cold  %,12.0f placements/s        (the first of the warm-up fills, before the JIT compiled "
                + "the fill path)%n", r.coldPlacementsPerSecond());
        line(out, "  pass p50    %12.3f ms%n", r.passP50Millis());
        line(out, "  pass p99    %12.3f ms            %s  (%,d passes after %,d warm-up; mean %.3f ms, max %.3f ms, "
                        + "%.2f jobs started per pass, clock at %,d s)%n", r.passP99Millis(),
                verdict(r.passP99Millis() <= TARGET_P99_MILLIS, "<= 2 ms"), r.passes(), r.warmupPasses(),
                r.passMeanMillis(), r.passMaxMillis(), r.placementsPerPass(), r.clockSeconds());
        line(out, "  pass CPU    %12.3f ms p50, %.3f ms p99 (the benchmark thread's CPU time: load disturbs it less)%n",
                r.passCpuP50Millis(), r.passCpuP99Millis());
        line(out, "  pass garbage %,11.0f bytes allocated per pass, mean%n", r.passAllocatedBytes());
        line(out, "  heap/job    %,12.0f bytes         %s%n", r.heapBytesPerPendingJob(),
                verdict(r.heapBytesPerPendingJob() <= TARGET_HEAP_BYTES_PER_JOB, "<= 2 KiB"));
        line(out, "%n  JVM max heap %,d MiB%n", r.heapMaxBytes() / (1024 * 1024));
        if (!r.slowestPasses().isEmpty()) {
            out.append(SlowPassesTable.render(r.slowestPasses()));
        }
        return out.toString();
    }

    static String verdict(boolean met, String target) {
        return (met ? "ok  " : "MISS") + " target " + target;
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args));
    }
}
