package org.gantry.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.gantry.agent.gpu.DeclaredGpus;
import org.gantry.agent.gpu.GpuInventory;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;

/**
 * How one node agent is set up: its name and pool, where its GPUs come from, its labels, the
 * directory it keeps logs, run and checkpoint directories in, how often it reports, and how
 * long a stopped workload gets between SIGTERM and SIGKILL when the stop names no grace.
 */
public record AgentSettings(NodeId node, PoolId pool, GpuInventory gpus, Map<String, String> labels, Path workDir,
                            Duration heartbeatInterval, Duration killGrace) {
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(10);

    public AgentSettings {
        Objects.requireNonNull(node, "node");
        pool = pool == null ? PoolId.DEFAULT : pool;
        Objects.requireNonNull(gpus, "gpus");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath();
        heartbeatInterval = heartbeatInterval == null ? DEFAULT_HEARTBEAT_INTERVAL : heartbeatInterval;
        killGrace = killGrace == null ? DEFAULT_KILL_GRACE : killGrace;
        requirePositive(heartbeatInterval, "heartbeatInterval");
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must be >= 0, got " + killGrace);
        }
    }

    /** A node in the default pool with the default intervals. */
    public static AgentSettings of(NodeId node, GpuInventory gpus, Path workDir) {
        return new AgentSettings(node, PoolId.DEFAULT, gpus, Map.of(), workDir, null, null);
    }

    /** A node declaring {@code gpuCount} simulated GPUs, as {@code --gpus N} does. */
    public static AgentSettings declared(String nodeName, int gpuCount, Path workDir) {
        return of(NodeId.of(nodeName), DeclaredGpus.of(gpuCount), workDir);
    }

    public AgentSettings withPool(PoolId pool) {
        return new AgentSettings(node, pool, gpus, labels, workDir, heartbeatInterval, killGrace);
    }

    public AgentSettings withGpus(GpuInventory gpus) {
        return new AgentSettings(node, pool, gpus, labels, workDir, heartbeatInterval, killGrace);
    }

    public AgentSettings withLabels(Map<String, String> labels) {
        return new AgentSettings(node, pool, gpus, labels, workDir, heartbeatInterval, killGrace);
    }

    public AgentSettings withHeartbeatInterval(Duration heartbeatInterval) {
        return new AgentSettings(node, pool, gpus, labels, workDir, heartbeatInterval, killGrace);
    }

    public AgentSettings withKillGrace(Duration killGrace) {
        return new AgentSettings(node, pool, gpus, labels, workDir, heartbeatInterval, killGrace);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
    }
}
