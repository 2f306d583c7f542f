package org.gantry.api.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeIsolation;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;

/**
 * A node as {@code GET /nodes} shows it: its GPUs, which are free, and what runs there.
 * {@code gpus} counts the healthy GPUs (those that can be allocated), {@code unhealthyGpus} the
 * withheld ones; {@code devices} lists every GPU with what its agent last read of it (uuid,
 * memory used, utilization, temperature, why it is withheld), and {@code gpuProblem} says why
 * the agent could not read its GPUs at all, when it could not. {@code isolation} says whether its
 * jobs run confined ({@code "mode": "tenant-uid"}) or as the agent's user ({@code "none"}), and why.
 * {@code allocated} lists each allocated GPU by index with the job holding it, as the caller may
 * see it (see {@link #seenBy}).
 */
public record NodeSummary(NodeId id, PoolId pool, NodeStatus status, String gpuModel, int gpus, int freeGpus,
                          Map<String, String> labels, List<JobId> jobs, Instant lastSeen, int unhealthyGpus,
                          String gpuProblem, List<GpuDevice> devices, NodeIsolation isolation,
                          List<GpuAllocation> allocated) {
    public NodeSummary {
        isolation = isolation == null ? NodeIsolation.UNKNOWN : isolation;
        labels = Map.copyOf(labels);
        jobs = List.copyOf(jobs);
        devices = devices == null ? List.of() : List.copyOf(devices);
        allocated = allocated == null ? List.of() : List.copyOf(allocated);
    }

    /** This node as {@code caller} may see it: another tenant's job on a GPU is just "allocated". */
    public NodeSummary seenBy(Caller caller) {
        return new NodeSummary(id, pool, status, gpuModel, gpus, freeGpus, labels, jobs, lastSeen, unhealthyGpus,
                gpuProblem, devices, isolation, allocated.stream().map(gpu -> gpu.seenBy(caller)).toList());
    }

    public NodeSummary(NodeId id, PoolId pool, NodeStatus status, String gpuModel, int gpus, int freeGpus,
                       Map<String, String> labels, List<JobId> jobs, Instant lastSeen, int unhealthyGpus,
                       String gpuProblem, List<GpuDevice> devices) {
        this(id, pool, status, gpuModel, gpus, freeGpus, labels, jobs, lastSeen, unhealthyGpus, gpuProblem, devices,
                null, null);
    }
}
