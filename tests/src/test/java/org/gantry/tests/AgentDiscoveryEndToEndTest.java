package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry agent} as an operator starts it on a GPU node, without {@code --gpus}: with
 * {@code nvidia-smi} on its PATH (a fake one printing a recorded two-GPU output, one GPU
 * failing) it discovers its GPUs, and the control plane's {@code GET /nodes} shows them.
 */
class AgentDiscoveryEndToEndTest {
    private static final String ADMIN = Tokens.generate();

    @TempDir
    Path dir;

    private final List<GantryJvm> jvms = new ArrayList<>();

    @AfterEach
    void stopAll() {
        jvms.forEach(GantryJvm::close);
    }

    @Test
    void withNvidiaSmiOnThePathTheAgentDiscoversItsGpusByDefault() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/sh
                echo "0, GPU-e2e-0, NVIDIA H100 80GB HBM3, 81559, 12, 3, 30"
                echo "1, GPU-e2e-1, NVIDIA H100 80GB HBM3, 81559, ERR!, ERR!, ERR!"
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        int httpPort = Ports.free();
        int clusterPort = Ports.free();
        start("control", Map.of(), "control", "--port", String.valueOf(httpPort), "--cluster-port",
                String.valueOf(clusterPort), "--data-dir", dir.resolve("control").toString());
        GantryJvm agent = start("agent", Map.of("PATH", bin + ":" + System.getenv("PATH")), "agent", "--seed",
                "127.0.0.1:" + clusterPort, "--node-name", "gpu-real", "--data-dir", dir.resolve("agent").toString());
        Api api = new Api("http://127.0.0.1:" + httpPort, ADMIN);

        Eventually.await("the agent's node listed", Duration.ofSeconds(90),
                () -> api.get("/api/v1/nodes").body().get("nodes").size() == 1, this::logs);

        JsonNode node = api.get("/api/v1/nodes").body().get("nodes").get(0);
        assertThat(node.path("id").asText()).isEqualTo("gpu-real");
        assertThat(node.path("gpuModel").asText()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(node.path("gpus").asInt()).isEqualTo(1);
        assertThat(node.path("unhealthyGpus").asInt()).isEqualTo(1);
        assertThat(node.path("devices").get(0).path("uuid").asText()).isEqualTo("GPU-e2e-0");
        assertThat(node.path("devices").get(1).path("reason").asText()).startsWith("nvidia-smi reports memory.used ERR!");
        assertThat(agent.output()).contains("Gantry agent gpu-real: 2 GPUs from nvidia-smi (1 healthy)");
    }

    private GantryJvm start(String name, Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("GANTRY_ADMIN_TOKEN", ADMIN);
        GantryJvm jvm = GantryJvm.start(name, dir.resolve("logs"), all, args);
        jvms.add(jvm);
        return jvm;
    }

    private String logs() {
        return jvms.stream().map(GantryJvm::tail).collect(Collectors.joining("\n"));
    }
}
