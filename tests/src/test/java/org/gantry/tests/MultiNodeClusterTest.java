package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.gantry.agent.AgentSettings;
import org.gantry.agent.NodeAgent;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.NodeRoles;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pekko cluster of three actor systems in one JVM, on separate loopback ports: a control
 * node (with its HTTP API) and two GPU nodes with real agents. Messages between them cross
 * real remoting, so everything that travels is serialized. When one GPU node leaves the
 * cluster, the jobs it ran are requeued and finish on the other.
 */
class MultiNodeClusterTest {
    @TempDir
    Path dir;

    private final List<ActorSystem<Void>> systems = new ArrayList<>();

    @BeforeAll
    static void allowSeveralClustersInOneJvm() {
        System.setProperty("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    }

    @AfterEach
    void stopAll() {
        systems.forEach(ActorSystem::terminate);
        systems.forEach(system -> system.getWhenTerminated().toCompletableFuture().join());
    }

    @Test
    void jobsOfANodeThatLeavesFinishOnAnother() {
        int clusterPort = Ports.free();
        ActorSystem<Void> controlSystem = start(Set.of(NodeRoles.CONTROL), clusterPort, List.of(), "control");
        ControlNode control = ControlNode.start(controlSystem, dir.resolve("control"), "127.0.0.1", 0);
        Api api = new Api(control.url(), control.adminToken());
        ActorSystem<Void> gpu1 = startAgent("gpu-1", clusterPort);
        startAgent("gpu-2", clusterPort);
        Eventually.await("both GPU nodes registered", Duration.ofSeconds(60),
                () -> api.get("/api/v1/nodes").body().get("nodes").size() == 2, () -> api.get("/api/v1/nodes").raw());

        assertThat(api.post("/api/v1/tenants", "{\"name\":\"team\",\"quotas\":{\"default\":{\"guaranteed\":4}}}")
                .status()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api.Answer submitted = api.post("/api/v1/jobs", "{\"name\":\"sim-" + i + "\",\"tenant\":\"team\","
                    + "\"gpus\":1,\"workload\":{\"kind\":\"simulated\",\"seconds\":4}}");
            assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
            ids.add(submitted.body().get("id").asText());
        }
        Eventually.await("all four running", Duration.ofSeconds(30), () -> ids.stream()
                .allMatch(id -> "RUNNING".equals(api.get("/api/v1/jobs/" + id).body().get("state").asText())),
                () -> api.get("/api/v1/jobs").raw());
        List<String> onGpu1 = ids.stream().filter(id -> api.get("/api/v1/jobs/" + id).body().get("allocation")
                .has("gpu-1")).toList();
        assertThat(onGpu1).hasSize(2);

        gpu1.terminate();
        for (String id : ids) {
            Eventually.await("job " + id + " to succeed", Duration.ofSeconds(60),
                    () -> "SUCCEEDED".equals(api.get("/api/v1/jobs/" + id).body().get("state").asText()),
                    () -> api.get("/api/v1/jobs/" + id + "/events").raw());
        }
        for (String id : onGpu1) {
            String events = api.get("/api/v1/jobs/" + id + "/events").raw();
            assertThat(events).contains("Requeued").contains("gpu-2");
        }
    }

    private ActorSystem<Void> startAgent(String name, int seedPort) {
        ActorSystem<Void> system = start(Set.of(NodeRoles.GPU_NODE), 0, List.of("127.0.0.1:" + seedPort), name);
        system.systemActorOf(NodeAgent.create(AgentSettings.declared(name, 2, dir.resolve(name))), "agent",
                Props.empty());
        return system;
    }

    private ActorSystem<Void> start(Set<String> roles, int port, List<String> seeds, String name) {
        ActorSystem<Void> system = GantryNode.start(new NodeOptions(roles, "127.0.0.1", port, seeds, dir.resolve(name)));
        systems.add(system);
        return system;
    }

    @Test
    void aSecondControlNodeOnALocalJournalStopsItself() {
        int clusterPort = Ports.free();
        ActorSystem<Void> first = start(Set.of(NodeRoles.CONTROL), clusterPort, List.of(), "control-1");
        ControlNode.start(first, dir.resolve("control-1"), "127.0.0.1", 0);
        ActorSystem<Void> second = start(Set.of(NodeRoles.CONTROL), 0, List.of("127.0.0.1:" + clusterPort),
                "control-2");
        ControlNode.start(second, dir.resolve("control-2"), "127.0.0.1", 0);

        Eventually.await("the second control node to stop", Duration.ofSeconds(30),
                () -> second.getWhenTerminated().toCompletableFuture().isDone(), () -> "still running");
        assertThat(first.getWhenTerminated().toCompletableFuture().isDone()).as("the first one keeps running").isFalse();
    }
}
