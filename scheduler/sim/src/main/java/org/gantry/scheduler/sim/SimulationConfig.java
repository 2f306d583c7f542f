package org.gantry.scheduler.sim;

/**
 * The simulated world: the cluster, how quotas are granted, and what preemption costs.
 *
 * @param checkpointIntervalSeconds how often running jobs checkpoint (0: never, so a preempted job restarts from scratch)
 * @param restartOverheadSeconds    what every restart after a preemption costs on top of the lost work
 * @param minRunSeconds             how long a job runs before it may be preempted
 */
public record SimulationConfig(ClusterShape cluster, QuotaMode quota, long checkpointIntervalSeconds,
                               long restartOverheadSeconds, long minRunSeconds) {
    public SimulationConfig {
        if (checkpointIntervalSeconds < 0 || restartOverheadSeconds < 0 || minRunSeconds < 0) {
            throw new IllegalArgumentException("checkpoint interval, restart overhead and minimum run time must be >= 0");
        }
    }
}
