package org.gantry.scheduler.policy.reclaim;

import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.RunningJob;

/**
 * GPUs a running job could give up on one node: its GPUs above its elastic minimum (a shrink),
 * or all of them (a preemption). {@code cost} is the GPU-seconds of work it would lose.
 */
record Offer(RunningJob job, boolean shrink, int node, GpuSet gpus, long cost) {}
