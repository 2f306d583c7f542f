package org.gantry.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.SimulatedFleet;

/** A real control plane in this JVM, with one simulated node, serving HTTP on a free loopback port. */
final class LocalControlPlane implements AutoCloseable {
    private final ActorSystem<Void> system;
    final ControlNode control;

    private LocalControlPlane(ActorSystem<Void> system, ControlNode control) {
        this.system = system;
        this.control = control;
    }

    static LocalControlPlane start(String name, int gpus) throws Exception {
        System.setProperty("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
        Path dataDir = Files.createTempDirectory(name);
        ActorSystem<Void> system = GantryNode.start(
                new NodeOptions(Set.of("control", "gpu-node"), "127.0.0.1", 0, List.of(), dataDir));
        ControlNode control = ControlNode.start(system, dataDir, "127.0.0.1", 0);
        SimulatedFleet.start(system, dataDir.resolve("nodes"), 1, gpus);
        assertThat(control.awaitReady(Duration.ofSeconds(30))).isTrue();
        return new LocalControlPlane(system, control);
    }

    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
