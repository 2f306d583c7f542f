package org.gantry.ops.cli.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gantry.ops.metrics.GantryMetrics;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.NodeRoles;
import org.gantry.ops.node.SimulatedFleet;
import org.gantry.ops.tls.LocalClusterTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Everything in one process: the quickest way to a working Gantry. */
@Command(header = "Run all of Gantry in one process: control plane, REST API, simulated GPU nodes.",
        name = "up",
        description = {
            "Runs a whole Gantry in one process: the control plane, the REST API and simulated GPU nodes, " +
            "with RocksDB in --data-dir. Jobs are real: 'process' jobs run as child processes on this " +
            "machine, with CUDA_VISIBLE_DEVICES naming their (simulated) GPUs.",
            "",
            "Run as root, it isolates jobs as 'gantry agent' does: each tenant's jobs under a uid of their own, " +
            "each job in a cgroup (see --isolation).",
            "",
            "Stop it with Ctrl-C; start it again on the same --data-dir and every job is still there. " +
            "The simulated nodes live in this process, so stopping it stops their jobs too: they " +
            "start again from their last checkpoint (or from the start, without one).",
            "",
            "Example:",
            "  gantry up --nodes 2 --gpus-per-node 8"
        },
        mixinStandardHelpOptions = true)
public final class UpCommand implements Callable<Integer> {
    private static final String LOOPBACK = "127.0.0.1";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServeOptions serve;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the simulated nodes keep job logs, working directories and checkpoints "
                    + "(default: the data dir's name with -nodes, beside it). Never inside --data-dir: a job "
                    + "could otherwise reach the journal and the admin token from its own directory.")
    private Path workDir;

    @Mixin
    private IsolationOptions isolation;

    @Option(names = "--nodes", defaultValue = "2", paramLabel = "N",
            description = "Simulated GPU nodes to run (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--gpus-per-node", defaultValue = "8", paramLabel = "G",
            description = "GPUs each simulated node declares, at most 64 (default: ${DEFAULT-VALUE}).")
    private int gpusPerNode;

    @Override
    public Integer call() throws Exception {
        SimulatedFleet.check(nodes, gpusPerNode);
        serve.requireSafeTransport();
        serve.requireStrongAdminToken();
        serve.requirePortFree();
        Path nodesDir = nodesDir();
        var out = spec.commandLine().getOut();
        // Its agents are in this JVM, yet the cluster port is open to the machine: TLS with a CA of its own shuts it.
        NodeOptions options = new NodeOptions(Set.of(NodeRoles.CONTROL, NodeRoles.GPU_NODE), LOOPBACK, 0,
                List.of(), serve.dataDir, LocalClusterTls.ensure(serve.dataDir.resolve("cluster-tls"),
                        List.of(LOOPBACK, "localhost")));
        ActorSystem<Void> system = GantryNode.start(options);
        try {
            ControlNode control = ControlNode.start(system, serve.dataDir, serve.host, serve.port, serve.tls(),
                    new GantryMetrics());
            // One uid map for the nodes of this process: on one host, a tenant has one uid.
            SimulatedFleet.start(system, nodesDir, nodes, gpusPerNode, control.metrics(),
                    isolation.detect(nodesDir.resolve("job-users.properties"), out));
            if (!control.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the control plane did not get ready within 60 s");
            }
            control.ensureTenant(Walkthrough.TENANT, nodes * gpusPerNode);
            Walkthrough.print(out, control, nodes, gpusPerNode, serve.dataDir, nodesDir);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
        system.getWhenTerminated().toCompletableFuture().join();
        return 0;
    }

    /** --work-dir, or the default beside the data dir; refused inside the data dir. */
    private Path nodesDir() {
        Path data = serve.dataDir.toAbsolutePath().normalize();
        Path nodesDir = workDir == null ? SimulatedFleet.workDirBeside(data) : workDir.toAbsolutePath().normalize();
        if (nodesDir.startsWith(data) || data.startsWith(nodesDir)) {
            throw new IllegalArgumentException("--work-dir " + nodesDir + " overlaps --data-dir " + data
                    + ": jobs would reach the journal and the admin token. Pick a directory beside it, e.g. "
                    + SimulatedFleet.workDirBeside(data));
        }
        return nodesDir;
    }
}
