package org.gantry.scheduler.bench;

import java.util.List;

/**
 * The figures of one benchmark run, with its inputs.
 *
 * @param fillPlacements       jobs started while filling the empty cluster, over {@code fillPasses} passes
 * @param fillSeconds          time spent building snapshots, planning and applying plans while filling
 * @param placementsPerSecond  {@code fillPlacements / fillSeconds}, after warm-up fills of throwaway clusters
 * @param coldPlacementsPerSecond the same for the first warm-up fill, on code the JIT had not compiled yet
 * @param passes               incremental passes timed, each after one job finished, with {@code pending} waiting
 * @param passP50Millis        median time of one incremental pass: building the snapshot plus {@code plan()}
 * @param passCpuP50Millis     the same pass's CPU time on the benchmark's thread, which load on the machine
 *                             disturbs less than the wall clock (negative where the JVM does not measure it)
 * @param passAllocatedBytes   mean bytes allocated by one pass: the garbage that makes young collections
 * @param clockSeconds         the benchmark's clock after the last pass (jobs finish at their estimated end)
 * @param heapBytesPerPendingJob heap the waiting jobs take in the scheduler's structures, per job
 * @param slowestPasses        with {@code --breakdown}, the slowest timed passes and where their time went
 */
public record BenchResult(int nodes, int gpusPerNode, int pending, String policy, long seed,
                          long fillPlacements, int fillPasses, double fillSeconds, double placementsPerSecond,
                          double coldPlacementsPerSecond,
                          int runningAfterFill, int freeGpusAfterFill,
                          int warmupPasses, int passes, double passMeanMillis, double passP50Millis,
                          double passP99Millis, double passMaxMillis, double passCpuP50Millis,
                          double passCpuP99Millis, double passAllocatedBytes, double placementsPerPass,
                          long clockSeconds, double heapBytesPerPendingJob, long heapMaxBytes,
                          List<PassSample> slowestPasses) {
    public BenchResult {
        slowestPasses = List.copyOf(slowestPasses);
    }

    public int totalGpus() {
        return nodes * gpusPerNode;
    }
}
