package org.gantry.scheduler.policy;

import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;

/**
 * A node as the policy sees it: its static traits, the healthy GPUs it offers, and which of
 * them are free right now. A node's GPUs are of one model (a node is bought as a unit), and
 * unhealthy GPUs are simply absent from {@code gpus}.
 *
 * @param schedulable false while cordoned, draining or lost: nothing new lands here
 */
public record NodeView(NodeId id, PoolId pool, String gpuModel, long gpuMemoryMiB, Map<String, String> labels,
                       boolean schedulable, GpuSet gpus, GpuSet free) {
    public NodeView {
        labels = Map.copyOf(labels);
        if (!gpus.containsAll(free)) {
            throw new IllegalArgumentException("node " + id + ": free GPUs " + free + " are not among its GPUs " + gpus);
        }
    }

    public int capacity() {
        return gpus.size();
    }

    public NodeView withFree(GpuSet newFree) {
        return new NodeView(id, pool, gpuModel, gpuMemoryMiB, labels, schedulable, gpus, newFree);
    }
}
