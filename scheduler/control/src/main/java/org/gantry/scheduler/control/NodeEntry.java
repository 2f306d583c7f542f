package org.gantry.scheduler.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;

/**
 * A node as the scheduler knows it: what its agent last reported, how to reach the agent, and
 * whether the operator opened or closed it. Which GPUs are taken there is the view's
 * {@link org.gantry.scheduler.policy.state.ClusterState}'s to know. Immutable; the view swaps entries.
 *
 * @param status READY, CORDONED or DRAINING as the operator set it; LOST once the agent is gone
 */
record NodeEntry(NodeInfo info, ActorRef<AgentCommand> agent, NodeStatus status, Instant lastSeen) {
    NodeEntry {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(status, "status");
    }

    NodeId id() {
        return info.id();
    }

    /** The GPUs that can be allocated: unhealthy ones are withheld. */
    GpuSet healthyGpus() {
        GpuSet gpus = GpuSet.EMPTY;
        for (GpuDevice gpu : info.gpus()) {
            if (gpu.healthy() && gpu.index() <= GpuSet.MAX_INDEX) {
                gpus = gpus.union(GpuSet.of(gpu.index()));
            }
        }
        return gpus;
    }

    /** The node as a pass sees it, all its healthy GPUs free: the cluster state knows which are taken. */
    NodeView toView() {
        GpuSet gpus = healthyGpus();
        GpuDevice typical = typicalGpu();
        String model = typical == null ? "none" : typical.model();
        long memory = typical == null ? 0 : typical.memoryMiB();
        return new NodeView(info.id(), info.pool(), model, memory, info.labels(), status == NodeStatus.READY, gpus,
                gpus);
    }

    /** The GPU whose model and memory stand for the node's: the first healthy one, else the first. */
    GpuDevice typicalGpu() {
        return info.gpus().stream().filter(GpuDevice::healthy).findFirst()
                .orElse(info.gpus().isEmpty() ? null : info.gpus().get(0));
    }

    NodeEntry withStatus(NodeStatus newStatus) {
        return new NodeEntry(info, agent, newStatus, lastSeen);
    }

    NodeEntry reported(NodeInfo newInfo, ActorRef<AgentCommand> newAgent, Instant at) {
        // The operator's cordon or drain outlives re-registration; only a lost node comes back READY.
        NodeStatus kept = status == NodeStatus.LOST ? NodeStatus.READY : status;
        return new NodeEntry(newInfo, newAgent, kept, at);
    }

    /**
     * A node that jobs held GPUs on before a restart, whose agent has not reported again yet:
     * the GPUs its jobs hold stay taken, but nothing is placed there until the agent says what it has.
     */
    static NodeEntry awaiting(NodeId id) {
        return new NodeEntry(new NodeInfo(id, null, List.of(), Map.of(), NodeStatus.LOST), null, NodeStatus.LOST,
                null);
    }

    static NodeEntry registered(NodeInfo info, ActorRef<AgentCommand> agent, Instant at) {
        return new NodeEntry(info, agent, NodeStatus.READY, at);
    }

    Map<String, String> labels() {
        return info.labels();
    }
}
