package org.gantry.agent.run;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.ProcessWorkload;

/**
 * The environment a process workload sees. It starts from a short allowlist of the agent's
 * own variables rather than all of them, so an agent started with credentials in its
 * environment (an admin token, say) does not hand them to user code. Gantry's variables are
 * set last: a spec cannot widen its GPUs by setting {@code CUDA_VISIBLE_DEVICES} itself.
 */
public final class LaunchEnvironment {
    /** What a program needs to run at all: a search path, a home, a locale, a temp dir. */
    static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "TZ", "TMPDIR",
            "LD_LIBRARY_PATH");
    /** Where commands are searched when the agent itself has no PATH. */
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** The rendezvous port torchrun and friends default to; a spec may choose another. */
    static final String DEFAULT_MASTER_PORT = "29500";

    private LaunchEnvironment() {}

    public static Map<String, String> of(Launch launch, ProcessWorkload workload, Path checkpointDir,
                                         Map<String, String> agentEnv) {
        Map<String, String> env = new HashMap<>();
        agentEnv.forEach((name, value) -> {
            if (INHERITED.contains(name) || name.startsWith("LC_")) {
                env.put(name, value);
            }
        });
        boolean gang = launch.allocation().size() > 1;
        if (gang) {
            env.put("MASTER_PORT", DEFAULT_MASTER_PORT);
        }
        env.putAll(workload.env());
        env.putAll(workload.secretEnv());
        env.putIfAbsent("PATH", DEFAULT_PATH);
        env.put("CUDA_VISIBLE_DEVICES", launch.gpus().stream().map(String::valueOf).collect(Collectors.joining(",")));
        env.put("GANTRY_JOB_ID", launch.job().value());
        env.put("GANTRY_ATTEMPT", Integer.toString(launch.attempt()));
        env.put("GANTRY_NODE", launch.node().value());
        env.put("GANTRY_CHECKPOINT_DIR", checkpointDir.toString());
        if (gang) {
            List<NodeId> nodes = launch.allocation().keySet().stream().sorted().toList();
            env.put("WORLD_SIZE", Integer.toString(nodes.size()));
            env.put("RANK", Integer.toString(nodes.indexOf(launch.node())));
            env.put("MASTER_ADDR", nodes.get(0).value());
        }
        return env;
    }
}
