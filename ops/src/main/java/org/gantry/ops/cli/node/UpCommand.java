package org.gantry.ops.cli.node;

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
    @Spec
    private CommandSpec spec;

    @Mixin
    private ServeOptions serve;

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
        serve.requirePortFree();
        var out = spec.commandLine().getOut();
        NodeOptions options = new NodeOptions(Set.of(NodeRoles.CONTROL, NodeRoles.GPU_NODE), "127.0.0.1", 0,
                List.of(), serve.dataDir);
        ActorSystem<Void> system = GantryNode.start(options);
        try {
            ControlNode control = ControlNode.start(system, serve.dataDir, serve.host, serve.port, serve.tls(),
                    new GantryMetrics());
            // One uid map for the nodes of this process: on one host, a tenant has one uid.
            SimulatedFleet.start(system, serve.dataDir, nodes, gpusPerNode, control.metrics(), isolation.detect(
                    serve.dataDir.resolve("nodes").resolve("job-users.properties"), out));
            if (!control.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the control plane did not get ready within 60 s");
            }
            control.ensureTenant(Walkthrough.TENANT, nodes * gpusPerNode);
            Walkthrough.print(out, control, nodes, gpusPerNode, serve.dataDir);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
        system.getWhenTerminated().toCompletableFuture().join();
        return 0;
    }
}
