package org.gantry.ops.node;

import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.gantry.agent.AgentSettings;
import org.gantry.agent.NodeAgent;
import org.gantry.scheduler.policy.GpuSet;

/**
 * The GPU nodes of {@code gantry up}: N node agents in this JVM, each declaring G GPUs, like
 * KWOK's fake nodes but running real processes. They register and are scheduled exactly like
 * agents on GPU machines.
 */
public final class SimulatedFleet {
    private SimulatedFleet() {}

    public static void check(int nodes, int gpusPerNode) {
        if (nodes < 0) {
            throw new IllegalArgumentException("--nodes must be >= 0, got " + nodes);
        }
        if (gpusPerNode < 1 || gpusPerNode > GpuSet.MAX_INDEX + 1) {
            throw new IllegalArgumentException("--gpus-per-node must be between 1 and " + (GpuSet.MAX_INDEX + 1)
                    + ", got " + gpusPerNode);
        }
    }

    /** Starts the agents, named {@code node-1} … {@code node-N}, with work directories under {@code dataDir/nodes}. */
    public static void start(ActorSystem<?> system, Path dataDir, int nodes, int gpusPerNode) {
        int width = String.valueOf(nodes).length();
        for (int i = 1; i <= nodes; i++) {
            String name = String.format("node-%0" + width + "d", i);
            AgentSettings settings = AgentSettings.declared(name, gpusPerNode, dataDir.resolve("nodes").resolve(name));
            system.systemActorOf(NodeAgent.create(settings), "agent-" + name, Props.empty());
        }
    }
}
