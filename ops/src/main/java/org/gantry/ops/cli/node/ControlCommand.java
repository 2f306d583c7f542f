package org.gantry.ops.cli.node;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeConfig;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.NodeRoles;
import org.gantry.ops.node.SingleControlGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A control node in its own JVM: scheduler, job records and REST; agents join it from elsewhere. */
@Command(header = "Run a control node: scheduler, job records and the REST API.",
        name = "control",
        description = {
            "Runs a control node: the scheduler, the job records (RocksDB in --data-dir) and the REST API.",
            "GPU nodes join it with 'gantry agent --seed HOST:CLUSTER-PORT'.",
            "",
            "The job records live in one local RocksDB, so run one control node per data directory; a second " +
            "one on the same directory refuses to start.",
            "",
            "Example:",
            "  gantry control --port 8080 --cluster-port 25520 --data-dir /var/lib/gantry",
            "  gantry agent --seed 127.0.0.1:25520 --gpus 8 --node-name gpu-1     (on each GPU node)"
        },
        mixinStandardHelpOptions = true)
public final class ControlCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ServeOptions serve;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--cluster-port", defaultValue = "25520", paramLabel = "PORT",
            description = "Port agents join the cluster on (default: ${DEFAULT-VALUE}).")
    private int clusterPort;


    @Option(names = "--seed", paramLabel = "HOST:PORT",
            description = "Another node of an existing cluster to join (default: start a new cluster).")
    private List<String> seeds = List.of();

    @Override
    public Integer call() throws Exception {
        NodeOptions options = new NodeOptions(Set.of(NodeRoles.CONTROL), serve.host, clusterPort, seeds, serve.dataDir,
                cluster.tls(serve.host, NodeRoles.CONTROL, null));
        if (!seeds.isEmpty() && SingleControlGuard.usesLocalJournal(NodeConfig.of(options))) {
            throw new IllegalStateException("cannot join " + String.join(", ", seeds) + " as another control node: "
                    + SingleControlGuard.WHY);
        }
        serve.requireSafeTransport();
        serve.requireStrongAdminToken();
        serve.requirePortFree();
        ActorSystem<Void> system = GantryNode.start(options);
        try {
            ControlNode control = ControlNode.start(system, serve.dataDir, serve.host, serve.port, serve.tls());
            var out = spec.commandLine().getOut();
            out.printf("Gantry control node: REST at %s, cluster at %s, data in %s%n", control.url(),
                    GantryNode.seedAddress(system), serve.dataDir.toAbsolutePath().normalize());
            out.printf("Agents join with: gantry agent --seed %s --gpus 8%s%n", GantryNode.seedAddress(system),
                    options.clusterTls() == null ? "" : " --cluster-tls-dir DIR (a folder from gantry certs)");
            out.flush();
            if (control.awaitReady(Duration.ofSeconds(120))) {
                out.println("Ready.");
                out.flush();
            }
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
        system.getWhenTerminated().toCompletableFuture().join();
        return 0;
    }
}
