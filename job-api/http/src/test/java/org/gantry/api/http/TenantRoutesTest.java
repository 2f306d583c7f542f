package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.ADMIN_TOKEN;
import static org.gantry.api.http.Fakes.AUDIO_TOKEN;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantRoutesTest extends RouteTestBase {
    static final String VISION_TENANT = """
            { "name": "vision", "quotas": { "default": { "guaranteed": 16, "limit": 32 } } }
            """;

    @BeforeEach
    void reset() {
        tenants.clear();
    }

    @Test
    void theAdminCreatesATenantAndGetsItsTokenOnce() {
        JsonNode created = assertJson(post("/api/v1/tenants", ADMIN_TOKEN, VISION_TENANT), 201);

        assertThat(created.path("token").asText()).isEqualTo("token-for-vision");
        assertThat(created.path("tenant").path("name").asText()).isEqualTo("vision");
        assertThat(created.path("tenant").path("quotas").path("default").path("guaranteed").asInt()).isEqualTo(16);
        assertThat(created.path("tenant").path("quotas").path("default").path("limit").asInt()).isEqualTo(32);

        JsonNode list = assertJson(get("/api/v1/tenants", ADMIN_TOKEN), 200);
        assertThat(list.path("tenants")).hasSize(1);
        assertThat(list.toString()).doesNotContain("token-for-vision");
    }

    @Test
    void creatingAnExistingTenantIsAConflict() {
        post("/api/v1/tenants", ADMIN_TOKEN, VISION_TENANT);

        assertProblem(post("/api/v1/tenants", ADMIN_TOKEN, VISION_TENANT), 409, "conflict");
    }

    @Test
    void aTenantTokenMayNotCreateTenants() {
        JsonNode problem = assertProblem(post("/api/v1/tenants", VISION_TOKEN, VISION_TENANT), 403, "forbidden");

        assertThat(problem.path("detail").asText()).contains("admin");
    }

    @Test
    void anInvalidTenantListsEveryViolation() {
        String body = """
                { "name": "Vision!", "quotas": { "default": { "guaranteed": 8, "limit": 4 },
                                                 "fast": { "limit": 2 } }, "owner": "bob" }
                """;

        JsonNode problem = assertProblem(post("/api/v1/tenants", ADMIN_TOKEN, body), 422, "invalid-request");

        assertThat(paths(problem)).contains("$.name", "$.quotas.default.limit", "$.quotas.fast.guaranteed",
                "$.owner");
    }

    @Test
    void aTenantReadsItsOwnQuotaButNotAnothers() {
        post("/api/v1/tenants", ADMIN_TOKEN, VISION_TENANT);

        JsonNode quota = assertJson(get("/api/v1/tenants/vision/quota", VISION_TOKEN), 200);
        assertThat(quota.path("tenant").asText()).isEqualTo("vision");
        assertThat(quota.path("pools").path("default").path("guaranteed").asInt()).isEqualTo(16);

        assertProblem(get("/api/v1/tenants/vision/quota", AUDIO_TOKEN), 403, "forbidden");
        assertProblem(get("/api/v1/tenants/nobody/quota", ADMIN_TOKEN), 404, "not-found");
    }

    @Test
    void theAdminSetsAQuotaWithTheTenantBodysQuotaShape() {
        post("/api/v1/tenants", ADMIN_TOKEN, VISION_TENANT);

        JsonNode quota = assertJson(put("/api/v1/tenants/vision/quota", ADMIN_TOKEN,
                "{\"quotas\": {\"default\": {\"guaranteed\": 4}, \"fast\": {\"guaranteed\": 1, \"limit\": 2}}}"), 200);

        assertThat(quota.path("pools").path("default").path("limit").asInt()).isEqualTo(4);
        assertThat(quota.path("pools").path("fast").path("limit").asInt()).isEqualTo(2);
    }

    @Test
    void anInvalidQuotaListsEveryViolationAtItsPath() {
        post("/api/v1/tenants", ADMIN_TOKEN, VISION_TENANT);

        JsonNode problem = assertProblem(put("/api/v1/tenants/vision/quota", ADMIN_TOKEN,
                "{\"name\": \"audio\", \"quotas\": {\"default\": {\"guaranteed\": -1}, \"fast\": 3}}"), 422,
                "invalid-request");

        assertThat(paths(problem)).contains("$.name", "$.quotas.default.guaranteed", "$.quotas.fast");
    }

    @Test
    void aQuotaBodyWithoutQuotasIsRefused() {
        post("/api/v1/tenants", ADMIN_TOKEN, VISION_TENANT);

        JsonNode problem = assertProblem(put("/api/v1/tenants/vision/quota", ADMIN_TOKEN, "{}"), 422,
                "invalid-request");

        assertThat(paths(problem)).containsExactly("$.quotas");
    }

    @Test
    void aTenantMayNotSetQuotas() {
        assertProblem(put("/api/v1/tenants/vision/quota", VISION_TOKEN, "{\"quotas\": {}}"), 403, "forbidden");
    }

    @Test
    void settingTheQuotaOfAnUnknownTenantIsNotFound() {
        assertProblem(put("/api/v1/tenants/nobody/quota", ADMIN_TOKEN, "{\"quotas\": {}}"), 404, "not-found");
        assertProblem(get("/api/v1/tenants/Not_A_Name/quota", ADMIN_TOKEN), 404, "not-found");
    }

    private static List<String> paths(JsonNode problem) {
        List<String> paths = new ArrayList<>();
        problem.path("errors").forEach(e -> paths.add(e.path("path").asText()));
        return paths;
    }

    @Test
    void usageReadsItsRangeAndStepAndHidesAnotherTenants() {
        post("/api/v1/tenants", ADMIN_TOKEN, VISION_TENANT);

        JsonNode usage = assertJson(get("/api/v1/tenants/vision/usage?from=2026-01-01T00:00:30Z"
                + "&to=2026-01-02T00:00:00Z&step=15m", VISION_TOKEN), 200);
        assertThat(usage.path("from").asText()).as("from rounded down to its minute").isEqualTo("2026-01-01T00:00:00Z");
        assertThat(usage.path("to").asText()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(usage.path("step").asText()).isEqualTo("PT15M");

        JsonNode defaults = assertJson(get("/api/v1/tenants/vision/usage", ADMIN_TOKEN), 200);
        assertThat(defaults.path("step").asText()).isEqualTo("PT1H");
        assertThat(java.time.Duration.between(java.time.Instant.parse(defaults.path("from").asText()),
                java.time.Instant.parse(defaults.path("to").asText())).toMinutes()).isBetween(24 * 60L, 24 * 60L + 1);
        assertJson(get("/api/v1/tenants/vision/usage?from=7d&step=1d", VISION_TOKEN), 200);

        assertProblem(get("/api/v1/tenants/vision/usage", AUDIO_TOKEN), 404, "not-found");
        assertProblem(get("/api/v1/tenants/nobody/usage", ADMIN_TOKEN), 404, "not-found");
    }

    @Test
    void badUsageParametersAre422sNamingEachParameter() {
        post("/api/v1/tenants", ADMIN_TOKEN, VISION_TENANT);

        JsonNode step = assertProblem(get("/api/v1/tenants/vision/usage?step=90s", VISION_TOKEN), 422,
                "invalid-request");
        assertThat(step.path("detail").asText()).contains("'step'", "minutes");
        assertThat(paths(step)).containsExactly("step");

        JsonNode all = assertProblem(get("/api/v1/tenants/vision/usage?from=yesterday&to=soon&step=0m",
                VISION_TOKEN), 422, "invalid-request");
        assertThat(paths(all)).containsExactlyInAnyOrder("from", "to", "step");

        JsonNode backwards = assertProblem(get("/api/v1/tenants/vision/usage?from=2026-01-02T00:00:00Z"
                + "&to=2026-01-01T00:00:00Z", VISION_TOKEN), 422, "invalid-request");
        assertThat(paths(backwards)).containsExactly("from");

        JsonNode tooMany = assertProblem(get("/api/v1/tenants/vision/usage?from=365d&step=1m", VISION_TOKEN), 422,
                "invalid-request");
        assertThat(tooMany.path("detail").asText()).contains("10000 steps");
    }
}
