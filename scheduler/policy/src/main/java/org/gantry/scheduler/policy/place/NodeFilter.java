package org.gantry.scheduler.policy.place;

import java.util.Map;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.scheduler.policy.NodeView;

/**
 * Stage 3, filter: may this job run on this node at all, free GPUs aside? Pool and
 * schedulability are settled by the {@link CapacityIndex} (which holds only schedulable nodes,
 * by pool), so this checks the job's own constraints.
 */
public final class NodeFilter {
    private NodeFilter() {}

    public static boolean matches(PlacementConstraints constraints, NodeView node) {
        if (constraints.isEmpty()) {
            return true; // most jobs: asked of every node a search for room walks, and the selector's iterator is an object
        }
        if (constraints.gpuModel() != null && !constraints.gpuModel().equalsIgnoreCase(node.gpuModel())) {
            return false;
        }
        if (node.gpuMemoryMiB() < constraints.minGpuMemoryMiB()) {
            return false;
        }
        for (Map.Entry<String, String> wanted : constraints.nodeSelector().entrySet()) {
            if (!wanted.getValue().equals(node.labels().get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The constraints in words, for explanations. */
    public static String describe(PlacementConstraints constraints) {
        var words = new StringBuilder();
        if (constraints.gpuModel() != null) {
            words.append(" with GPU model ").append(constraints.gpuModel());
        }
        if (constraints.minGpuMemoryMiB() > 0) {
            words.append(" with >= ").append(constraints.minGpuMemoryMiB()).append(" MiB per GPU");
        }
        if (!constraints.nodeSelector().isEmpty()) {
            words.append(" labelled ").append(constraints.nodeSelector());
        }
        return words.toString();
    }
}
