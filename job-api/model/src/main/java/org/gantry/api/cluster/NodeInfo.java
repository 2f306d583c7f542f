package org.gantry.api.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gantry.api.Clipped;

/**
 * A GPU node as the control plane knows it: the pool it serves, its GPUs, labels and status.
 * {@code gpuProblem} is set when the agent could not read its GPUs at all (the driver failed,
 * say): every GPU listed is then withheld, and the words say why. Null when all is well.
 * {@code isolation}: how the node keeps its jobs apart ({@link NodeIsolation#UNKNOWN} from an
 * agent that does not say).
 */
public record NodeInfo(NodeId id, PoolId pool, List<GpuDevice> gpus, Map<String, String> labels, NodeStatus status,
                       String gpuProblem, NodeIsolation isolation) {
    /** The longest {@code gpuProblem} kept. */
    public static final int MAX_PROBLEM_CHARS = 1024;

    public NodeInfo {
        Objects.requireNonNull(id, "id");
        pool = pool == null ? PoolId.DEFAULT : pool;
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Objects.requireNonNull(status, "status");
        gpuProblem = Clipped.text(gpuProblem, MAX_PROBLEM_CHARS); // a driver's error output, sent on every heartbeat
        isolation = isolation == null ? NodeIsolation.UNKNOWN : isolation;
        // CUDA_VISIBLE_DEVICES names GPUs by index: two devices with one index would be one GPU allocated twice.
        Set<Integer> indices = new HashSet<>();
        for (GpuDevice gpu : gpus) {
            if (!indices.add(gpu.index())) {
                throw new IllegalArgumentException("node " + id + " lists GPU index " + gpu.index() + " twice");
            }
        }
    }

    public NodeInfo(NodeId id, PoolId pool, List<GpuDevice> gpus, Map<String, String> labels, NodeStatus status) {
        this(id, pool, gpus, labels, status, null, null);
    }

    public NodeInfo(NodeId id, PoolId pool, List<GpuDevice> gpus, Map<String, String> labels, NodeStatus status,
                    String gpuProblem) {
        this(id, pool, gpus, labels, status, gpuProblem, null);
    }

    /** Whether new jobs may be placed here. */
    public boolean schedulable() {
        return status == NodeStatus.READY;
    }

    /** The GPUs that can be allocated; unhealthy ones are withheld. */
    public int healthyGpuCount() {
        return (int) gpus.stream().filter(GpuDevice::healthy).count();
    }
}
