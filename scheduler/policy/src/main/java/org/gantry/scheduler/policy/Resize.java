package org.gantry.scheduler.policy;

import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;

/**
 * Restart an elastic job from its checkpoint on a new set of GPUs: more when idle GPUs wait
 * for nobody, fewer when a waiting job needs them.
 */
public record Resize(JobId job, Map<NodeId, GpuSet> from, Map<NodeId, GpuSet> to, String reason) {
    public Resize {
        from = Map.copyOf(from);
        to = Map.copyOf(to);
    }

    public int newGpuCount() {
        return PassState.gpusIn(to);
    }

    public int oldGpuCount() {
        return PassState.gpusIn(from);
    }
}
