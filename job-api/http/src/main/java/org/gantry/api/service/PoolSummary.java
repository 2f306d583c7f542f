package org.gantry.api.service;

import org.gantry.api.cluster.PoolId;

/**
 * A pool's capacity and load, and the GPUs its tenants are guaranteed: {@code overcommitted}
 * when those add up to more than it has (not every tenant can have its guarantee at once).
 */
public record PoolSummary(PoolId id, int nodes, int gpus, int freeGpus, int runningJobs, int pendingJobs,
                          int pendingGpus, long guaranteed, boolean overcommitted) {}
