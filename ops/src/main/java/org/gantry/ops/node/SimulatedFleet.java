package org.gantry.ops.node;

import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.gantry.agent.AgentSettings;
import org.gantry.agent.NodeAgent;
import org.gantry.agent.isolation.Isolation;
import org.gantry.agent.objects.Artifacts;
import org.gantry.agent.objects.Checkpoints;
import org.gantry.agent.run.Runners;
import org.gantry.ops.metrics.GantryMetrics;
import org.gantry.scheduler.control.secret.PrivateFiles;
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

    /** The name of agent {@code i} (from 1) of {@code nodes}: node-1 … node-N, zero-padded to N's width. */
    public static String nodeName(int i, int nodes) {
        return String.format("node-%0" + String.valueOf(nodes).length() + "d", i);
    }

    /**
     * Where {@code gantry up} keeps its nodes' work directories by default: {@code <data-dir>-nodes},
     * beside the control plane's data dir and never inside it, so a job cannot reach the journal or
     * the admin token through its own directory.
     */
    public static Path workDirBeside(Path dataDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        return data.resolveSibling(data.getFileName() + "-nodes");
    }

    /** Starts the agents, named {@code node-1} … {@code node-N}, with work directories under {@code workDir}. */
    public static void start(ActorSystem<?> system, Path workDir, int nodes, int gpusPerNode) {
        start(system, workDir, nodes, gpusPerNode, null);
    }

    /** As above, each agent's GPU readings added to {@code metrics} (the process's /metrics), when given. */
    public static void start(ActorSystem<?> system, Path workDir, int nodes, int gpusPerNode, GantryMetrics metrics) {
        start(system, workDir, nodes, gpusPerNode, metrics, Isolation.NOT_ASKED);
    }

    /** As above, the agents confining their jobs as {@code isolation} says (one for all: a tenant has one uid here). */
    public static void start(ActorSystem<?> system, Path workDir, int nodes, int gpusPerNode, GantryMetrics metrics,
                             Isolation isolation) {
        for (int i = 1; i <= nodes; i++) {
            String name = nodeName(i, nodes);
            AgentSettings settings = AgentSettings.declared(name, gpusPerNode,
                    PrivateFiles.directory(workDir.resolve(name)));
            if (metrics != null) {
                metrics.agent(name, settings.gpus());
            }
            // Checkpoints go to the object store in this process, as from real agents: a job requeued
            // onto another of these nodes resumes from its checkpoint there.
            system.systemActorOf(NodeAgent.create(settings, Runners.standard(system.address().getHost().orElse("127.0.0.1"), isolation),
                            Checkpoints::overCluster, Artifacts::overCluster),
                    "agent-" + name, Props.empty());
        }
    }
}
