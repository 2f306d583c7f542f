package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.ADMIN_TOKEN;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterRoutesTest extends RouteTestBase {

    @Test
    void eachAllocatedGpuNamesItsJobOnlyToWhoMaySeeIt() {
        JsonNode admin = assertJson(get("/api/v1/nodes", ADMIN_TOKEN), 200).path("nodes").get(0).path("allocated");
        assertThat(admin).extracting(gpu -> gpu.path("gpu").asInt() + ":" + gpu.path("job").asText())
                .containsExactly("0:job-1", "1:job-7");

        JsonNode vision = assertJson(get("/api/v1/nodes", VISION_TOKEN), 200).path("nodes").get(0).path("allocated");
        assertThat(vision.get(0).path("job").asText()).isEqualTo("job-1");
        assertThat(vision.get(0).path("tenant").asText()).isEqualTo("vision");
        assertThat(vision.get(1).path("gpu").asInt()).as("another tenant's GPU is just allocated").isEqualTo(1);
        assertThat(vision.get(1).has("job")).isFalse();
        assertThat(vision.get(1).has("tenant")).isFalse();
        assertThat(vision.toString()).doesNotContain("job-7").doesNotContain("audio");
    }

    @Test
    void nodesAndPoolsAnswerJson() {
        JsonNode nodes = assertJson(get("/api/v1/nodes", VISION_TOKEN), 200);
        assertThat(nodes.path("nodes").get(0).path("id").asText()).isEqualTo("gpu-1");
        assertThat(nodes.path("nodes").get(0).path("status").asText()).isEqualTo("READY");
        JsonNode devices = nodes.path("nodes").get(0).path("devices");
        assertThat(devices.get(0).path("uuid").asText()).isEqualTo("GPU-0a");
        assertThat(devices.get(0).path("memoryMiB").asLong()).isEqualTo(81_559);
        assertThat(devices.get(0).path("memoryUsedMiB").asLong()).isEqualTo(71_234);
        assertThat(devices.get(0).path("utilizationPercent").asInt()).isEqualTo(98);
        assertThat(devices.get(0).path("temperatureC").asInt()).isEqualTo(67);
        assertThat(devices.get(0).path("healthy").asBoolean()).isTrue();
        assertThat(devices.get(1).path("healthy").asBoolean()).isFalse();
        assertThat(devices.get(1).path("reason").asText()).isEqualTo("nvidia-smi reports temperature.gpu ERR!");
        assertThat(devices.get(1).has("utilizationPercent")).as("what was not read is left out").isFalse();
        assertThat(nodes.path("nodes").get(0).path("unhealthyGpus").asInt()).isEqualTo(1);

        JsonNode pools = assertJson(get("/api/v1/pools", VISION_TOKEN), 200);
        assertThat(pools.path("pools").get(0).path("id").asText()).isEqualTo("default");
        assertThat(pools.path("pools").get(0).path("freeGpus").asInt()).isEqualTo(6);
    }

    @Test
    void demandAnswersShapesAndWhatMoreNodesWouldStart() {
        JsonNode shapes = assertJson(get("/api/v1/pools/default/demand", VISION_TOKEN), 200);
        assertThat(shapes.path("pendingGpus").asInt()).isEqualTo(8);
        assertThat(shapes.path("shapes").get(0).path("gpus").asInt()).isEqualTo(4);
        assertThat(shapes.path("shapes").get(0).path("jobs").asInt()).isEqualTo(2);
        assertThat(shapes.has("ifAdded")).isFalse();

        JsonNode added = assertJson(get("/api/v1/pools/default/demand?nodes=1&gpusPerNode=8", ADMIN_TOKEN), 200);
        assertThat(added.path("ifAdded").path("startableJobs").asInt()).isEqualTo(1);
        assertThat(added.path("shapes").get(0).path("startable").asInt()).isEqualTo(1);

        assertProblem(get("/api/v1/pools/nowhere/demand", VISION_TOKEN), 404, "not-found");
        assertProblem(get("/api/v1/pools/Bad_Name/demand", VISION_TOKEN), 404, "not-found");
        JsonNode half = assertProblem(get("/api/v1/pools/default/demand?nodes=2", VISION_TOKEN), 422,
                "invalid-request");
        assertThat(half.path("detail").asText()).contains("'gpusPerNode'");
        JsonNode bad = assertProblem(get("/api/v1/pools/default/demand?nodes=0&gpusPerNode=65", VISION_TOKEN), 422,
                "invalid-request");
        assertThat(bad.path("errors").findValuesAsText("path")).containsExactlyInAnyOrder("nodes", "gpusPerNode");
    }

    @Test
    void aNodeWithoutJobsListsNone() {
        var idle = new org.gantry.api.service.NodeSummary(Fakes.Cluster.NODE, org.gantry.api.cluster.PoolId.DEFAULT,
                org.gantry.api.cluster.NodeStatus.READY, "H100", 8, 8, java.util.Map.of(), java.util.List.of(), null, 0,
                null, java.util.List.of(), null, java.util.List.of());

        JsonNode written = org.gantry.api.json.GantryJson.mapper().valueToTree(new ClusterRoutes.Nodes(
                java.util.List.of(idle)));

        assertThat(written.path("nodes").get(0).path("jobs").isArray()).as(written.toString()).isTrue();
        assertThat(written.path("nodes").get(0).path("devices").isArray()).isTrue();
        assertThat(written.path("nodes").get(0).path("allocated").isArray()).as("no GPU allocated: []").isTrue();
        assertThat(written.path("nodes").get(0).has("labels")).as("empty maps stay left out").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"cordon, CORDONED", "drain, DRAINING", "uncordon, READY"})
    void theAdminCordonsDrainsAndUncordons(String action, String status) {
        JsonNode node = assertJson(postEmpty("/api/v1/nodes/gpu-1/" + action, ADMIN_TOKEN), 200);

        assertThat(node.path("status").asText()).isEqualTo(status);
    }

    @Test
    void aTenantMayNotDrainNodes() {
        assertProblem(postEmpty("/api/v1/nodes/gpu-1/drain", VISION_TOKEN), 403, "forbidden");
    }

    @Test
    void anUnknownNodeOrActionIsNotFound() {
        assertProblem(postEmpty("/api/v1/nodes/gpu-9/drain", ADMIN_TOKEN), 404, "not-found");
        assertProblem(postEmpty("/api/v1/nodes/gpu-1/reboot", ADMIN_TOKEN), 404, "not-found");
    }

    @Test
    void gettingAnActionIsAMethodNotAllowed() {
        HttpResponse<String> response = get("/api/v1/nodes/gpu-1/drain", ADMIN_TOKEN);

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    private static HttpResponse<String> postEmpty(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}
