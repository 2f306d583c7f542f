package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.JvmCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second agent JVM under the name of a live one is refused: it is told why and exits, and the
 * first keeps its node (before, the second silently took the node over, jobs and all).
 */
class NodeNameTakenEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aSecondAgentWithALiveNodesNameIsToldWhyAndExits() {
        try (JvmCluster cluster = new JvmCluster(dir, Tokens.generate())) {
            Api admin = cluster.startControl();
            GantryJvm first = cluster.startAgent("gpu-a", "--gpus", "2");
            cluster.awaitNodes(admin, 1);

            GantryJvm impostor = cluster.startAgentAs("impostor", "gpu-a", "--gpus", "4");

            Eventually.await("the second agent to exit", Duration.ofSeconds(90), () -> !impostor.isAlive(),
                    cluster::logs);
            assertThat(impostor.output()).contains("node name 'gpu-a' is held by a live agent")
                    .contains("--node-name");
            assertThat(first.isAlive()).isTrue();
            JsonNode nodes = admin.get("/api/v1/nodes").body().get("nodes");
            assertThat(nodes).hasSize(1);
            assertThat(nodes.get(0).get("status").asText()).isEqualTo("READY");
            assertThat(nodes.get(0).get("gpus").asInt()).as("the first agent's GPUs, not the second's").isEqualTo(2);
        }
    }
}
