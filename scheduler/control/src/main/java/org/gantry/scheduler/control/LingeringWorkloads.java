package org.gantry.scheduler.control;

import java.util.HashMap;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.state.ClusterState;

/**
 * GPUs of attempts that are over in the records but whose workload a node has not yet reported
 * gone (a gang's other parts being stopped, a stop in its grace period, a workload nobody
 * placed): they stay taken in the {@link ClusterState} until the agent's report no longer lists
 * them. Apart from {@link ControlView} because it is bookkeeping with its own state and one
 * rule (taken while listed) that follows agents' reports, not job records. Owned by the
 * scheduler actor, like the view.
 */
final class LingeringWorkloads {
    private final Map<NodeId, Map<AttemptRef, GpuSet>> byNode = new HashMap<>();
    private final ClusterState state;

    LingeringWorkloads(ClusterState state) {
        this.state = state;
    }

    /** Takes the GPUs for the workload, once: a second report of it changes nothing. */
    void add(NodeId nodeId, AttemptRef attempt, GpuSet gpus) {
        Map<AttemptRef, GpuSet> on = byNode.computeIfAbsent(nodeId, id -> new HashMap<>());
        if (on.putIfAbsent(attempt, gpus) == null) {
            state.take(nodeId, gpus);
        }
    }

    /** The lingering workloads of a node, copied. */
    Map<AttemptRef, GpuSet> on(NodeId nodeId) {
        return Map.copyOf(byNode.getOrDefault(nodeId, Map.of()));
    }

    /** The workload is gone: its GPUs are free again. */
    void gone(NodeId nodeId, AttemptRef attempt) {
        Map<AttemptRef, GpuSet> on = byNode.get(nodeId);
        GpuSet gpus = on == null ? null : on.remove(attempt);
        if (gpus != null) {
            state.giveBack(nodeId, gpus);
            if (on.isEmpty()) {
                byNode.remove(nodeId);
            }
        }
    }

    /** The node is lost: whatever lingered there is gone with it. */
    void allGone(NodeId nodeId) {
        for (AttemptRef attempt : on(nodeId).keySet()) {
            gone(nodeId, attempt);
        }
    }
}
