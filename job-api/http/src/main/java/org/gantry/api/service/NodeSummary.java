package org.gantry.api.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;

/** A node as {@code GET /nodes} shows it: its GPUs, which are free, and what runs there. */
public record NodeSummary(NodeId id, PoolId pool, NodeStatus status, String gpuModel, int gpus, int freeGpus,
                          Map<String, String> labels, List<JobId> jobs, Instant lastSeen) {
    public NodeSummary {
        labels = Map.copyOf(labels);
        jobs = List.copyOf(jobs);
    }
}
