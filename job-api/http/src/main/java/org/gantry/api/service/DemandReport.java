package org.gantry.api.service;

import java.util.List;
import org.gantry.api.cluster.PoolId;

/**
 * {@code GET /pools/{pool}/demand}: the pool's pending jobs and GPUs by shape (GPUs per job; an
 * elastic job's minimum), and, when asked with {@code nodes} and {@code gpusPerNode}, how many of
 * them that many more nodes would start ({@code ifAdded}; null otherwise).
 */
public record DemandReport(PoolId pool, int pendingJobs, long pendingGpus, List<Shape> shapes, IfAdded ifAdded) {
    public DemandReport {
        shapes = List.copyOf(shapes);
    }

    /** {@code jobs} pending jobs of {@code gpus} GPUs; {@code startable} of them would start on the added nodes. */
    public record Shape(int gpus, int jobs, Integer startable) {}

    public record IfAdded(int nodes, int gpusPerNode, int startableJobs, long startableGpus) {}

    /** The question: more {@code nodes} of {@code gpusPerNode} GPUs (both 0: shapes only). */
    public record Query(int nodes, int gpusPerNode) {
        public static final int MAX_NODES = 100_000;
        public static final int MAX_GPUS_PER_NODE = 64;
    }
}
