package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.ADMIN_TOKEN;
import static org.gantry.api.http.Fakes.AUDIO_TOKEN;
import static org.gantry.api.http.Fakes.EXPIRED_TOKEN;
import static org.gantry.api.http.Fakes.VISION_READER_TOKEN;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.gantry.api.service.AuditEntry;
import org.gantry.api.tenant.TokenRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token and audit routes over the fakes: bodies read strictly, roles refused at the edge, actions audited. */
class TokenRoutesTest extends RouteTestBase {

    @BeforeEach
    void reset() {
        tokens.clear();
    }

    @Test
    void aTenantIssuesListsAndRevokesItsOwnTokens() {
        JsonNode issued = assertJson(post("/api/v1/tenants/vision/tokens", VISION_TOKEN,
                "{\"name\": \"ci\", \"expiresIn\": \"P30D\", \"role\": \"reader\"}"), 201);
        assertThat(issued.path("token").asText()).isEqualTo("secret-of-" + issued.path("id").asText());
        assertThat(issued.path("role").asText()).isEqualTo("reader");
        assertThat(issued.path("expires").asText()).isEqualTo(Fakes.NOW.plusSeconds(30L * 86_400).toString());

        JsonNode list = assertJson(get("/api/v1/tenants/vision/tokens", VISION_TOKEN), 200);
        assertThat(list.path("tokens")).hasSize(1);
        assertThat(list.toString()).doesNotContain("secret-of");

        JsonNode revoked = assertJson(delete("/api/v1/tenants/vision/tokens/" + issued.path("id").asText(),
                VISION_TOKEN), 200);
        assertThat(revoked.path("revoked").asText()).isEqualTo(Fakes.NOW.toString());
    }

    @Test
    void noBodyIsATokenOfTheDefaults() {
        JsonNode issued = assertJson(send(request("/api/v1/tenants/vision/tokens", ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 201);

        assertThat(issued.path("role").asText()).isEqualTo("tenant");
        assertThat(issued.has("expires")).isFalse();
    }

    @Test
    void aBadRequestListsEveryFault() {
        JsonNode problem = assertProblem(post("/api/v1/tenants/vision/tokens", ADMIN_TOKEN,
                "{\"name\": \"\", \"expiresIn\": \"soon\", \"role\": \"admin\", \"scope\": 1}"), 422, "invalid-request");

        assertThat(problem.path("errors")).extracting(e -> e.path("path").asText())
                .contains("$.name", "$.expiresIn", "$.role", "$.scope");
        assertProblem(post("/api/v1/admin/tokens", ADMIN_TOKEN, "{\"role\": \"reader\"}"), 422, "invalid-request");
        assertProblem(post("/api/v1/tenants/vision/tokens", ADMIN_TOKEN, "{\"name\": "), 400, "malformed-json");
    }

    @Test
    void adminTokensAreTheAdminsAlone() {
        assertJson(post("/api/v1/admin/tokens", ADMIN_TOKEN, "{\"name\": \"oncall\"}"), 201);

        assertProblem(get("/api/v1/admin/tokens", VISION_TOKEN), 403, "forbidden");
        assertProblem(post("/api/v1/admin/tokens", VISION_TOKEN, "{}"), 403, "forbidden");
        assertThat(assertJson(get("/api/v1/admin/tokens", ADMIN_TOKEN), 200).path("tokens")).hasSize(1);
    }

    @Test
    void anotherTenantsTokensAreNotFound() {
        assertProblem(get("/api/v1/tenants/vision/tokens", AUDIO_TOKEN), 404, "not-found");
        assertProblem(post("/api/v1/tenants/vision/tokens", AUDIO_TOKEN, "{}"), 404, "not-found");
    }

    @Test
    void aReadOnlyTokenReadsButChangesNothing() {
        assertJson(get("/api/v1/tenants/vision/tokens", VISION_READER_TOKEN), 200);

        JsonNode problem = assertProblem(post("/api/v1/tenants/vision/tokens", VISION_READER_TOKEN, "{}"), 403,
                "forbidden");
        assertThat(problem.path("detail").asText()).contains("read-only");
        assertProblem(delete("/api/v1/jobs/" + ApiSamples.fullJob().id().value(), VISION_READER_TOKEN), 403,
                "forbidden");
    }

    @Test
    void anExpiredTokenIsToldSo() {
        JsonNode problem = assertProblem(get("/api/v1/jobs", EXPIRED_TOKEN), 401, "unauthorized");

        assertThat(problem.path("detail").asText()).contains("expired");
        assertProblem(get("/api/v1/jobs", "x".repeat(BearerAuth.MAX_TOKEN_LENGTH + 1)), 401, "unauthorized");
    }

    @Test
    void tokenActionsAndAdminChangesAreAuditedWithoutSecrets() {
        JsonNode issued = assertJson(post("/api/v1/tenants/vision/tokens", VISION_TOKEN, "{}"), 201);
        get("/api/v1/tenants/vision/tokens", VISION_TOKEN); // a read: not kept
        post("/api/v1/tenants/vision/tokens", VISION_READER_TOKEN, "{}"); // refused, and kept as refused

        assertThat(audit.entries()).hasSizeGreaterThanOrEqualTo(2);
        AuditEntry refused = audit.entries().get(0);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.role()).isEqualTo(TokenRole.READER);
        AuditEntry done = audit.entries().get(1);
        assertThat(done.status()).isEqualTo(201);
        assertThat(done.method()).isEqualTo("POST");
        assertThat(done.target()).isEqualTo("/api/v1/tenants/vision/tokens");
        assertThat(done.tenant()).isEqualTo(Fakes.VISION);
        assertThat(audit.entries().toString()).doesNotContain(issued.path("token").asText(), VISION_TOKEN);

        JsonNode page = assertJson(get("/api/v1/audit?tenant=vision&limit=5", ADMIN_TOKEN), 200);
        assertThat(page.path("entries").size()).isBetween(2, 5);
        assertProblem(get("/api/v1/audit", VISION_TOKEN), 403, "forbidden");
        assertProblem(get("/api/v1/audit?limit=0&from=yesterday", ADMIN_TOKEN), 400, "invalid-parameter");
    }
}
