package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 4-GPU gang over two 2-GPU nodes, in the style of {@link MultiNodeClusterTest}: a control
 * node and two GPU nodes with real agents, each its own actor system on loopback, and the ranks
 * real JVMs the agents start ({@code java Rendezvous.java}). Rank 0 listens at
 * {@code MASTER_ADDR:MASTER_PORT}, rank 1 connects there, and they exchange ranks, as
 * torch.distributed's rendezvous does. The rendezvous ports start at a port found free, never a
 * fixed one, so test runs side by side do not meet each other.
 */
class GangRendezvousTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<ActorSystem<Void>> systems = new ArrayList<>();
    private Api api;
    private Path program;
    private Path results;
    private int portBase;

    @BeforeAll
    static void allowSeveralClustersInOneJvm() {
        System.setProperty("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    }

    @BeforeEach
    void startCluster() throws IOException {
        program = dir.resolve("Rendezvous.java");
        try (InputStream in = getClass().getResourceAsStream("/rendezvous/Rendezvous.java")) {
            Files.copy(in, program);
        }
        results = Files.createDirectories(dir.resolve("results"));
        int clusterPort = Ports.free();
        // Each node's two GPUs both go to the gang, so the port is the base itself: one just found free.
        portBase = Ports.free();
        ActorSystem<Void> control = start(Set.of(NodeRoles.CONTROL), clusterPort, List.of(), "control");
        ControlNode node = ControlNode.start(control, dir.resolve("control"), "127.0.0.1", 0);
        api = new Api(node.url(), node.adminToken());
        for (String name : List.of("gpu-1", "gpu-2")) {
            ActorSystem<Void> system = start(Set.of(NodeRoles.GPU_NODE), 0, List.of("127.0.0.1:" + clusterPort), name);
            system.systemActorOf(NodeAgent.create(AgentSettings.declared(name, 2, dir.resolve(name))
                    .withHeartbeatInterval(Duration.ofMillis(500))), "agent", Props.empty());
        }
        Eventually.await("both GPU nodes registered", WAIT,
                () -> api.get("/api/v1/nodes").body().get("nodes").size() == 2, () -> api.get("/api/v1/nodes").raw());
        assertThat(api.post("/api/v1/tenants", "{\"name\":\"team\",\"quotas\":{\"default\":{\"guaranteed\":4}}}")
                .status()).isEqualTo(201);
    }

    @AfterEach
    void stopAll() {
        systems.forEach(ActorSystem::terminate);
        systems.forEach(system -> system.getWhenTerminated().toCompletableFuture().join());
    }

    @Test
    void theRanksOfAGangMeetAtMasterAddrAndMasterPortAndExchangeRanks() throws IOException {
        long submitted = System.nanoTime();
        String id = submit("meet", Map.of(), 0);

        awaitState(id, "SUCCEEDED");
        System.out.printf("measured: 2-node gang submit -> both ranks met -> SUCCEEDED in %d ms%n",
                (System.nanoTime() - submitted) / 1_000_000);

        List<String> master = Files.readAllLines(results.resolve("rank-0-attempt-1.txt"));
        List<String> other = Files.readAllLines(results.resolve("rank-1-attempt-1.txt"));
        String meeting = "MASTER_PORT=" + portBase;
        assertThat(master).contains("RANK=0", "NODE_RANK=0", "LOCAL_RANK=0", "WORLD_SIZE=2", "LOCAL_WORLD_SIZE=1",
                "MASTER_ADDR=127.0.0.1", meeting, "GANTRY_NODE=gpu-1", "CUDA_VISIBLE_DEVICES=0,1",
                "heard: rank 1 of 2 on gpu-2", "done");
        assertThat(other).contains("RANK=1", "NODE_RANK=1", "LOCAL_RANK=0", "WORLD_SIZE=2", "LOCAL_WORLD_SIZE=1",
                "MASTER_ADDR=127.0.0.1", meeting, "GANTRY_NODE=gpu-2", "heard: rank 0 of 2 welcomes you", "done");
    }

    @Test
    void aFailingRankStopsTheOthersAndTheWholeGangRunsAgain() throws IOException {
        String id = submit("retry", Map.of("FAIL_RANK", "1"), 1);

        awaitState(id, "SUCCEEDED");

        // Attempt 1: rank 1 failed at once; rank 0, left waiting for it (if it got as far), was stopped, never done.
        assertThat(Files.readAllLines(results.resolve("rank-1-attempt-1.txt"))).doesNotContain("done");
        Path firstMaster = results.resolve("rank-0-attempt-1.txt");
        if (Files.exists(firstMaster)) {
            assertThat(Files.readAllLines(firstMaster)).doesNotContain("done");
        }
        // Attempt 2: both ranks again, and they met.
        assertThat(Files.readAllLines(results.resolve("rank-0-attempt-2.txt")))
                .contains("heard: rank 1 of 2 on gpu-2", "done");
        assertThat(Files.readAllLines(results.resolve("rank-1-attempt-2.txt")))
                .contains("heard: rank 0 of 2 welcomes you", "done");
        String events = api.get("/api/v1/jobs/" + id + "/events").raw();
        assertThat(events).contains("retry 1 of 1");
    }

    private String submit(String name, Map<String, String> env, int maxRetries) {
        ObjectNode job = JSON.createObjectNode().put("name", name).put("tenant", "team").put("gpus", 4)
                .put("maxRetries", maxRetries);
        ObjectNode workload = job.putObject("workload").put("kind", "process");
        ArrayNode command = workload.putArray("command");
        command.add(ProcessHandle.current().info().command().orElse("java")).add("-Xmx64m").add("-XX:+UseSerialGC")
                .add("-XX:TieredStopAtLevel=1").add(program.toString());
        ObjectNode variables = workload.putObject("env").put("RESULT_DIR", results.toString());
        env.forEach(variables::put);
        Api.Answer submitted = api.post("/api/v1/jobs", job.toString());
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        return submitted.body().get("id").asText();
    }

    private void awaitState(String id, String state) {
        Eventually.await("job " + id + " " + state, WAIT,
                () -> state.equals(api.get("/api/v1/jobs/" + id).body().get("state").asText()),
                () -> api.get("/api/v1/jobs/" + id).raw() + "\n" + api.get("/api/v1/jobs/" + id + "/events").raw());
    }

    private ActorSystem<Void> start(Set<String> roles, int port, List<String> seeds, String name) {
        ActorSystem<Void> system = GantryNode.start(new NodeOptions(roles, "127.0.0.1", port, seeds, dir.resolve(name)),
                ConfigFactory.parseMap(Map.of("gantry.scheduler.rendezvous-port-base", portBase)));
        systems.add(system);
        return system;
    }
}
