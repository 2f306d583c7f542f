package org.gantry.agent.run;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.protocol.Rendezvous;

/**
 * The environment a process workload sees. It starts from a short allowlist of the agent's
 * own variables rather than all of them, so an agent started with credentials in its
 * environment (an admin token, say) does not hand them to user code. Gantry's variables are
 * set last: a spec cannot widen its GPUs by setting {@code CUDA_VISIBLE_DEVICES} itself.
 *
 * <p>Every job, a gang of one included, gets torchrun's variables. Gantry starts one process
 * per node, so a node is a rank: {@code RANK} = {@code NODE_RANK} (nodes in name order, the
 * first is the master), {@code LOCAL_RANK} 0 and {@code LOCAL_WORLD_SIZE} 1, {@code WORLD_SIZE}
 * the number of nodes. A program that wants a process per GPU runs torchrun with these
 * ({@code --nnodes=$WORLD_SIZE --node_rank=$NODE_RANK}). {@code MASTER_ADDR}/{@code MASTER_PORT}
 * come from the control plane's {@link Rendezvous}; a spec may set its own.
 */
public final class LaunchEnvironment {
    /** What a program needs to run at all: a search path, a home, a locale, a temp dir. */
    static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "TZ", "TMPDIR",
            "LD_LIBRARY_PATH");
    /** Where commands are searched when the agent itself has no PATH. */
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** torchrun's default port: the base of the ports used when the control plane sent no rendezvous. */
    static final int DEFAULT_PORT_BASE = 29500;

    private LaunchEnvironment() {}

    public static Map<String, String> of(Launch launch, ProcessWorkload workload, Path checkpointDir,
                                         Map<String, String> agentEnv) {
        Map<String, String> env = new HashMap<>();
        agentEnv.forEach((name, value) -> {
            if (INHERITED.contains(name) || name.startsWith("LC_")) {
                env.put(name, value);
            }
        });
        Rendezvous rendezvous = rendezvous(launch);
        env.put("MASTER_ADDR", rendezvous.host());
        env.put("MASTER_PORT", Integer.toString(rendezvous.port()));
        env.putAll(workload.env());
        env.putAll(workload.secretEnv());
        env.putIfAbsent("PATH", DEFAULT_PATH);
        env.put("CUDA_VISIBLE_DEVICES", launch.gpus().stream().map(String::valueOf).collect(Collectors.joining(",")));
        // CUDA numbers devices fastest first unless told otherwise; nvidia-smi, whose indices these are, by PCI bus.
        env.put("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
        env.put("GANTRY_JOB_ID", launch.job().value());
        env.put("GANTRY_ATTEMPT", Integer.toString(launch.attempt()));
        env.put("GANTRY_NODE", launch.node().value());
        env.put("GANTRY_CHECKPOINT_DIR", checkpointDir.toString());
        List<NodeId> nodes = Rendezvous.ranks(launch.allocation());
        String rank = Integer.toString(Math.max(0, nodes.indexOf(launch.node())));
        env.put("WORLD_SIZE", Integer.toString(Math.max(1, nodes.size())));
        env.put("RANK", rank);
        env.put("NODE_RANK", rank);
        env.put("LOCAL_RANK", "0");
        env.put("LOCAL_WORLD_SIZE", "1");
        return env;
    }

    /**
     * The control plane's, or, from one that sent none: loopback for a job on one node, the
     * master's node name for a gang (reachable only where node names resolve), at the port the
     * allocation gives.
     */
    private static Rendezvous rendezvous(Launch launch) {
        if (launch.rendezvous() != null) {
            return launch.rendezvous();
        }
        Map<NodeId, List<Integer>> allocation = launch.allocation().isEmpty()
                ? Map.of(launch.node(), launch.gpus()) : launch.allocation();
        String host = allocation.size() > 1 ? Rendezvous.master(allocation).value() : "127.0.0.1";
        return new Rendezvous(host, Rendezvous.port(DEFAULT_PORT_BASE, allocation));
    }
}
