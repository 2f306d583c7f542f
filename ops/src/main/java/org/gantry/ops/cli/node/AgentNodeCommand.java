package org.gantry.ops.cli.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.gantry.agent.AgentSettings;
import org.gantry.agent.gpu.DeclaredGpus;
import org.gantry.agent.gpu.GpuInventory;
import org.gantry.agent.isolation.Isolation;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.ops.metrics.GantryMetrics;
import org.gantry.ops.metrics.MetricsServer;
import org.gantry.ops.node.AgentGpus;
import org.gantry.ops.node.AgentNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.NodeRoles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A GPU node: joins the cluster, advertises its GPUs and runs what the scheduler places there. */
@Command(header = "Run the agent of a GPU node: join the cluster and run the jobs placed there.",
        name = "agent",
        description = {
            "Runs the node agent of one GPU node: it joins the cluster through --seed, advertises its GPUs, " +
            "runs the jobs placed on it as child processes (CUDA_VISIBLE_DEVICES set to their GPUs) and keeps " +
            "their logs under --data-dir.",
            "",
            "If the control plane goes away the agent keeps trying to join again; if the agent dies, so do its " +
            "jobs' processes, and the control plane runs them elsewhere.",
            "",
            "Run as root, the agent isolates jobs: each tenant's jobs run under a uid of their own from " +
            "--job-uids (through setpriv), with a private home and working directory, an environment of nothing " +
            "of the agent's, and a cgroup per job that limits its processes and through which a stop kills all " +
            "it started. Not as root it warns at start, and GET /api/v1/nodes shows \"isolation\": " +
            "{\"mode\": \"none\"} with the reason.",
            "",
            "Examples:",
            "  gantry agent --seed 10.0.0.5:25520 --node-name gpu-17 --pool a100   (GPUs from nvidia-smi)",
            "  gantry agent --seed 10.0.0.5:25520 --gpus 8 --node-name sim-1        (8 simulated GPUs)"
        },
        mixinStandardHelpOptions = true)
public final class AgentNodeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", required = true, paramLabel = "HOST:PORT",
            description = "A control node's cluster address (its --cluster-port). Repeat for several.")
    private List<String> seeds;

    @Option(names = "--gpus", paramLabel = "auto|N",
            description = "GPUs this node offers: 'auto' reads them with nvidia-smi (the default where nvidia-smi "
                    + "is on the PATH); N declares N simulated GPUs (the default, 8, elsewhere).")
    private String gpus;

    @Option(names = "--gpu-refresh-seconds", defaultValue = "10", paramLabel = "S",
            description = "With --gpus auto: how often nvidia-smi is read again (default: ${DEFAULT-VALUE}).")
    private int gpuRefreshSeconds;

    @Option(names = "--gpu-model", defaultValue = DeclaredGpus.DEFAULT_MODEL, paramLabel = "NAME",
            description = "Model name the declared GPUs report (default: ${DEFAULT-VALUE}).")
    private String gpuModel;

    @Option(names = "--pool", defaultValue = "default", paramLabel = "POOL",
            description = "The resource pool this node serves (default: ${DEFAULT-VALUE}).")
    private String pool;

    @Option(names = "--node-name", paramLabel = "NAME",
            description = "The node's name in the cluster (default: this host's name).")
    private String nodeName;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address the control plane reaches this agent at (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--cluster-port", defaultValue = "0", paramLabel = "PORT",
            description = "Cluster port of this agent (default: any free port).")
    private int clusterPort;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics (this node's GPU readings, JVM) at http://HOST:PORT/metrics, "
                    + "HOST being --host; 0 picks a free port. Off unless given.")
    private Integer metricsPort;

    @Option(names = "--data-dir", defaultValue = "./gantry-agent", paramLabel = "DIR",
            description = "Where job logs and working directories live (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Mixin
    private IsolationOptions isolation;

    @Override
    public Integer call() throws Exception {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new IllegalArgumentException("--metrics-port must be between 0 and 65535, got " + metricsPort);
        }
        if (gpuRefreshSeconds < 1) {
            throw new IllegalArgumentException("--gpu-refresh-seconds must be at least 1, got " + gpuRefreshSeconds);
        }
        String name = nodeName != null ? nodeName : java.net.InetAddress.getLocalHost().getHostName();
        var tls = cluster.tls(host, NodeRoles.GPU_NODE, name);
        GpuInventory inventory = AgentGpus.choose(gpus, gpuModel, System.getenv("PATH"),
                Duration.ofSeconds(gpuRefreshSeconds));
        AgentSettings settings = new AgentSettings(NodeId.of(name), PoolId.of(pool), inventory, Map.of(), dataDir,
                null, null);
        NodeOptions options = new NodeOptions(Set.of(NodeRoles.GPU_NODE), host, clusterPort, seeds, dataDir, tls);
        var out = spec.commandLine().getOut();
        out.printf("Gantry agent %s: %s in pool %s, joining %s%n", name, AgentGpus.describe(inventory), pool,
                String.join(", ", seeds));
        Isolation jobs = isolation.detect(dataDir.resolve("job-users.properties"), out);
        MetricsServer metrics = null;
        if (metricsPort != null) {
            GantryMetrics registry = new GantryMetrics();
            registry.agent(name, inventory);
            metrics = MetricsServer.start(registry, host, metricsPort);
            out.printf("Metrics at http://%s:%d/metrics%n", host, metrics.port());
        }
        out.flush();
        try {
            AgentNode.run(options, settings, jobs);
        } finally {
            if (metrics != null) {
                metrics.close();
            }
        }
        return 0;
    }
}
