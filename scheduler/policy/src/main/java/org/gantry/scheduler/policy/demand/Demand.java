package org.gantry.scheduler.policy.demand;

import java.util.List;

/**
 * What a pool's queue asks for: the pending jobs and GPUs, by shape (GPUs per job, the minimum
 * for an elastic job), and, when {@code added} is given, how many of them that many more nodes
 * would start.
 */
public record Demand(int pendingJobs, long pendingGpus, List<Shape> shapes, Added added) {
    public Demand {
        shapes = List.copyOf(shapes);
    }

    /** {@code jobs} pending jobs of {@code gpus} GPUs each; {@code startable} of them would start (null: not asked). */
    public record Shape(int gpus, int jobs, Integer startable) {}

    /** {@code nodes} more nodes of {@code gpusPerNode} GPUs would start {@code startableJobs} jobs, {@code startableGpus} GPUs. */
    public record Added(int nodes, int gpusPerNode, int startableJobs, long startableGpus) {}
}
