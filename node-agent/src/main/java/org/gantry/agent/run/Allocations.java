package org.gantry.agent.run;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;

/** Reads this node's share out of a job's allocation, refusing GPUs the node does not have or that are unhealthy. */
public final class Allocations {

    private Allocations() {}

    public static List<Integer> ownGpus(NodeId node, Map<NodeId, List<Integer>> allocation, List<GpuDevice> devices)
            throws LaunchFailure {
        List<Integer> gpus = allocation == null ? null : allocation.get(node);
        if (gpus == null) {
            throw new LaunchFailure("the allocation " + allocation + " names no GPUs on node " + node);
        }
        Map<Integer, GpuDevice> known = new HashMap<>();
        devices.forEach(device -> known.put(device.index(), device));
        Set<Integer> seen = new HashSet<>();
        for (Integer gpu : gpus) {
            if (gpu == null || !known.containsKey(gpu)) {
                throw new LaunchFailure("GPU " + gpu + " is not on node " + node + ", which has GPUs "
                        + known.keySet());
            }
            if (!known.get(gpu).healthy()) {
                throw new LaunchFailure("GPU " + gpu + " of node " + node + " is unhealthy");
            }
            if (!seen.add(gpu)) {
                throw new LaunchFailure("the allocation lists GPU " + gpu + " of node " + node + " twice");
            }
        }
        return List.copyOf(gpus);
    }
}
