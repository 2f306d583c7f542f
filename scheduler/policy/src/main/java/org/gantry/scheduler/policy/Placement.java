package org.gantry.scheduler.policy;

import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;

/**
 * Start a job on these GPUs. {@code borrowing}: it was admitted above its tenant's guarantee (on
 * GPUs guaranteed work left idle), so it is preemptible. An elastic job admitted within its
 * guarantee may still have been widened into idle GPUs beyond it.
 */
public record Placement(JobId job, Map<NodeId, GpuSet> allocation, boolean borrowing) {
    public Placement {
        allocation = Map.copyOf(allocation);
    }

    public int gpuCount() {
        return PassState.gpusIn(allocation);
    }
}
