package org.gantry.scheduler.control;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.gantry.api.cluster.NodeId;
import org.gantry.scheduler.policy.GpuSet;

/** Allocations as the policy holds them (bit sets) and as records and agents carry them (index lists). */
final class Allocations {
    private Allocations() {}

    static Map<NodeId, List<Integer>> toLists(Map<NodeId, GpuSet> allocation) {
        Map<NodeId, List<Integer>> lists = new TreeMap<>();
        allocation.forEach((node, gpus) -> lists.put(node, IntStream.of(gpus.indices()).boxed().toList()));
        return lists;
    }
}
