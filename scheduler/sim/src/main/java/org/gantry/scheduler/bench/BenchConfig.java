package org.gantry.scheduler.bench;

import org.gantry.scheduler.policy.Policies;

/**
 * What {@link SchedulerBenchmark} runs: the synthetic cluster and queue, the policy, and how many
 * incremental passes it warms up with and then times; with {@code breakdown}, the policy's stages are
 * timed too (a little overhead) and the slowest passes are kept with their stage times.
 */
public record BenchConfig(int nodes, int gpusPerNode, int pending, String policy, long seed, int warmupPasses,
                          int measuredPasses, boolean breakdown) {
    public static final int DEFAULT_NODES = 10_000;
    public static final int DEFAULT_GPUS_PER_NODE = 8;
    public static final int DEFAULT_PENDING = 100_000;
    public static final int DEFAULT_WARMUP_PASSES = 2_000;
    public static final int DEFAULT_MEASURED_PASSES = 2_000;

    public BenchConfig {
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1, got " + nodes);
        }
        if (gpusPerNode < 1 || gpusPerNode > 64) {
            throw new IllegalArgumentException("--gpus-per-node must be in 1..64, got " + gpusPerNode);
        }
        if ((long) nodes * gpusPerNode > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the cluster has too many GPUs to count: " + nodes + " x " + gpusPerNode);
        }
        if (pending < 1) {
            throw new IllegalArgumentException("--pending must be at least 1, got " + pending);
        }
        if (!Policies.names().contains(policy)) {
            throw new IllegalArgumentException("unknown policy '" + policy + "'; known: " + Policies.names());
        }
        if (warmupPasses < 0 || measuredPasses < 1) {
            throw new IllegalArgumentException("need >= 0 warm-up passes and >= 1 measured pass");
        }
    }

    /** Without the per-stage breakdown of the slowest passes. */
    public BenchConfig(int nodes, int gpusPerNode, int pending, String policy, long seed, int warmupPasses,
                       int measuredPasses) {
        this(nodes, gpusPerNode, pending, policy, seed, warmupPasses, measuredPasses, false);
    }

    public static BenchConfig defaults() {
        return new BenchConfig(DEFAULT_NODES, DEFAULT_GPUS_PER_NODE, DEFAULT_PENDING, "gantry", 1L,
                DEFAULT_WARMUP_PASSES, DEFAULT_MEASURED_PASSES);
    }
}
