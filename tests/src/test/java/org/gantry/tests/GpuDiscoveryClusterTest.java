package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.gantry.agent.AgentSettings;
import org.gantry.agent.NodeAgent;
import org.gantry.agent.gpu.NvidiaSmiGpus;
import org.gantry.api.cluster.NodeId;
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
 * A real agent discovering its GPUs with {@code nvidia-smi} — a fake one on a PATH the test
 * owns, printing recorded outputs — in a cluster with a control node, each its own actor system
 * on loopback. What the agent reads reaches {@code GET /api/v1/nodes}; a GPU that reports an
 * error is never allocated; one that disappears under a running job leaves that job running
 * but is not given out again when the job ends.
 */
class GpuDiscoveryClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GPU = "NVIDIA A100-SXM4-80GB";
    private static final String LINE_0 = "0, GPU-aaaa0000, " + GPU + ", 81920, 1024, 35, 41";
    private static final String LINE_1 = "1, GPU-aaaa0001, " + GPU + ", 81920, 0, 0, 33";
    private static final String LINE_2_RESET = "2, GPU-aaaa0002, " + GPU + ", 81920, [GPU requires reset], "
            + "[GPU requires reset], ERR!";
    private static final String LINE_3 = "3, GPU-aaaa0003, " + GPU + ", 81920, [N/A], [Not Supported], 36";

    @TempDir
    Path dir;

    private final List<ActorSystem<Void>> systems = new ArrayList<>();
    private NvidiaSmiGpus gpus;
    private Path smiDir;

    @BeforeAll
    static void allowSeveralClustersInOneJvm() {
        System.setProperty("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    }

    @AfterEach
    void stopAll() {
        systems.forEach(ActorSystem::terminate);
        systems.forEach(system -> system.getWhenTerminated().toCompletableFuture().join());
        if (gpus != null) {
            gpus.close();
        }
    }

    @Test
    void discoveredGpusReachTheApiAndUnhealthyOnesAreNeverAllocated() throws IOException {
        Path smi = fakeNvidiaSmi(LINE_0, LINE_1, LINE_2_RESET, LINE_3);
        int clusterPort = Ports.free();
        ActorSystem<Void> controlSystem = start(Set.of(NodeRoles.CONTROL), clusterPort, List.of(), "control");
        ControlNode control = ControlNode.start(controlSystem, dir.resolve("control"), "127.0.0.1", 0);
        Api api = new Api(control.url(), control.adminToken());
        ActorSystem<Void> node = start(Set.of(NodeRoles.GPU_NODE), 0, List.of("127.0.0.1:" + clusterPort), "gpu-1");
        // The agent finds nvidia-smi on the PATH it is given, as gantry agent does on its own.
        gpus = NvidiaSmiGpus.start(NvidiaSmiGpus.locate(smiDir + ":/usr/bin:/bin").orElseThrow(),
                Duration.ofMillis(200), Duration.ofSeconds(5));
        assertThat(NvidiaSmiGpus.locate(smiDir.toString())).contains(smi);
        node.systemActorOf(NodeAgent.create(AgentSettings.of(NodeId.of("gpu-1"), gpus, dir.resolve("gpu-1"))
                .withHeartbeatInterval(Duration.ofMillis(300))), "agent", Props.empty());
        Eventually.await("the GPU node registered", WAIT, () -> nodes(api).size() == 1, () -> api.get(
                "/api/v1/nodes").raw());

        JsonNode listed = nodes(api).get(0);
        assertThat(listed.path("gpus").asInt()).as("healthy GPUs").isEqualTo(3);
        assertThat(listed.path("unhealthyGpus").asInt()).isEqualTo(1);
        assertThat(listed.path("gpuModel").asText()).isEqualTo(GPU);
        JsonNode devices = listed.path("devices");
        assertThat(devices).hasSize(4);
        assertThat(devices.get(0).path("uuid").asText()).isEqualTo("GPU-aaaa0000");
        assertThat(devices.get(0).path("memoryMiB").asLong()).isEqualTo(81_920);
        assertThat(devices.get(0).path("memoryUsedMiB").asLong()).isEqualTo(1_024);
        assertThat(devices.get(0).path("utilizationPercent").asInt()).isEqualTo(35);
        assertThat(devices.get(0).path("temperatureC").asInt()).isEqualTo(41);
        assertThat(devices.get(2).path("healthy").asBoolean()).isFalse();
        assertThat(devices.get(2).path("reason").asText()).contains("[GPU requires reset]").contains("ERR!");
        assertThat(devices.get(3).path("healthy").asBoolean()).isTrue();
        assertThat(devices.get(3).has("utilizationPercent")).isFalse();

        assertThat(api.post("/api/v1/tenants", "{\"name\":\"team\",\"quotas\":{\"default\":{\"guaranteed\":4}}}")
                .status()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(submit(api, "sleeper-" + i));
        }
        Eventually.await("three jobs running", WAIT, () -> count(api, ids, "RUNNING") == 3,
                () -> api.get("/api/v1/jobs").raw());
        String waiting = ids.stream().filter(id -> state(api, id).equals("PENDING")).findFirst().orElseThrow();
        List<Integer> taken = new ArrayList<>();
        for (String id : ids) {
            if (!id.equals(waiting)) {
                gpusOf(api, id).forEach(taken::add);
            }
        }
        assertThat(taken).as("GPU 2 reports errors: never allocated").containsExactlyInAnyOrder(0, 1, 3);
        sleep(Duration.ofSeconds(2));
        assertThat(state(api, waiting)).isEqualTo("PENDING");

        // GPU 0 falls off the bus under its job: withheld, and the job keeps running on it.
        String onGpu0 = ids.stream().filter(id -> !id.equals(waiting) && gpusOf(api, id).contains(0)).findFirst()
                .orElseThrow();
        long lostAt = System.nanoTime();
        answer("Unable to determine the device handle for GPU0000:07:00.0: GPU is lost", LINE_1, LINE_2_RESET,
                LINE_3);
        Eventually.await("GPU 0 withheld", WAIT, () -> !nodes(api).get(0).path("devices").get(0).path("healthy")
                .asBoolean(), () -> api.get("/api/v1/nodes").raw());
        System.out.printf("measured: a lost GPU shown withheld in GET /nodes %d ms after nvidia-smi stopped listing it"
                + " (re-read 200 ms, heartbeat 300 ms, polled every 200 ms)%n", (System.nanoTime() - lostAt) / 1_000_000);
        JsonNode lost = nodes(api).get(0).path("devices").get(0);
        assertThat(lost.path("reason").asText()).startsWith("disappeared: nvidia-smi no longer lists it")
                .contains("GPU is lost");
        assertThat(lost.path("uuid").asText()).isEqualTo("GPU-aaaa0000");
        assertThat(nodes(api).get(0).path("gpus").asInt()).isEqualTo(2);
        sleep(Duration.ofSeconds(2));
        assertThat(state(api, onGpu0)).as("a job on a GPU that went bad keeps running").isEqualTo("RUNNING");

        // Its job ends: GPU 0 is not given to the waiting job.
        assertThat(api.delete("/api/v1/jobs/" + onGpu0).status()).isLessThan(300);
        Eventually.await("the job on GPU 0 cancelled", WAIT, () -> state(api, onGpu0).equals("CANCELLED"),
                () -> api.get("/api/v1/jobs/" + onGpu0).raw());
        sleep(Duration.ofSeconds(2));
        assertThat(state(api, waiting)).as("GPU 0 is withheld").isEqualTo("PENDING");
        assertThat(nodes(api).get(0).path("freeGpus").asInt()).isZero();

        // A healthy GPU freed is given out.
        String onGpu1 = ids.stream().filter(id -> !id.equals(waiting) && gpusOf(api, id).contains(1)).findFirst()
                .orElseThrow();
        api.delete("/api/v1/jobs/" + onGpu1);
        Eventually.await("the waiting job running", WAIT, () -> state(api, waiting).equals("RUNNING"),
                () -> api.get("/api/v1/jobs/" + waiting).raw());
        assertThat(gpusOf(api, waiting)).containsExactly(1);

        // The driver fails: every GPU withheld, and the node says why.
        answer("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.");
        setExit(9);
        Eventually.await("the driver's failure reported", WAIT, () -> nodes(api).get(0).has("gpuProblem"),
                () -> api.get("/api/v1/nodes").raw());
        JsonNode down = nodes(api).get(0);
        assertThat(down.path("gpuProblem").asText()).isEqualTo("nvidia-smi exited with 9: NVIDIA-SMI has failed "
                + "because it couldn't communicate with the NVIDIA driver.");
        assertThat(down.path("gpus").asInt()).isZero();
        assertThat(down.path("unhealthyGpus").asInt()).isEqualTo(4);
        assertThat(state(api, waiting)).isEqualTo("RUNNING");
    }

    private static String submit(Api api, String name) {
        Api.Answer submitted = api.post("/api/v1/jobs", "{\"name\":\"" + name + "\",\"tenant\":\"team\",\"gpus\":1,"
                + "\"workload\":{\"kind\":\"process\",\"command\":[\"sleep\",\"300\"]}}");
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        return submitted.body().get("id").asText();
    }

    private static JsonNode nodes(Api api) {
        return api.get("/api/v1/nodes").body().get("nodes");
    }

    private static String state(Api api, String id) {
        return api.get("/api/v1/jobs/" + id).body().get("state").asText();
    }

    private static long count(Api api, List<String> ids, String state) {
        return ids.stream().filter(id -> state(api, id).equals(state)).count();
    }

    private static List<Integer> gpusOf(Api api, String id) {
        List<Integer> indices = new ArrayList<>();
        api.get("/api/v1/jobs/" + id).body().path("allocation").path("gpu-1").forEach(i -> indices.add(i.asInt()));
        return indices;
    }

    /** An nvidia-smi that checks it was asked the discovery's query and prints {@code answer}, exiting {@code rc}. */
    private Path fakeNvidiaSmi(String... lines) throws IOException {
        smiDir = Files.createDirectories(dir.resolve("smi-bin"));
        Path smi = smiDir.resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/sh
                d=$(dirname "$0")
                case "$1" in --query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu) ;;
                  *) echo "unexpected arguments: $*"; exit 64 ;; esac
                [ "$2" = "--format=csv,noheader,nounits" ] || { echo "unexpected format: $2"; exit 64; }
                cat "$d/answer"
                exit "$(cat "$d/rc")"
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        setExit(0);
        answer(lines);
        return smi;
    }

    private void answer(String... lines) throws IOException {
        Path next = smiDir.resolve("answer.next");
        Files.writeString(next, String.join("\n", lines) + "\n");
        Files.move(next, smiDir.resolve("answer"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void setExit(int code) throws IOException {
        Files.writeString(smiDir.resolve("rc"), Integer.toString(code));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ActorSystem<Void> start(Set<String> roles, int port, List<String> seeds, String name) {
        ActorSystem<Void> system = GantryNode.start(new NodeOptions(roles, "127.0.0.1", port, seeds, dir.resolve(name)));
        systems.add(system);
        return system;
    }
}
