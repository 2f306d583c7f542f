package org.gantry.api.service;

import org.gantry.api.cluster.PoolId;

/** A pool's capacity and load. */
public record PoolSummary(PoolId id, int nodes, int gpus, int freeGpus, int runningJobs, int pendingJobs,
                          int pendingGpus) {}
