package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.ADMIN_TOKEN;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a request can go wrong is answered as application/problem+json, never HTML or text. */
class ProblemResponsesTest extends RouteTestBase {

    @AfterEach
    void restore() {
        cluster.ready.set(true);
        cluster.readyFails.set(false);
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        HttpResponse<String> response = get("/api/v1/jobs", null);

        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"gantry\"");
    }

    @Test
    void anUnknownTokenIs401WithABearerChallenge() {
        HttpResponse<String> response = get("/api/v1/jobs", "guessed");

        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"gantry\"");
    }

    @Test
    void aNonBearerCredentialIs401() {
        HttpResponse<String> response = send(request("/api/v1/jobs", null)
                .header("Authorization", "Basic dXNlcjpwYXNz").GET().build());

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        HttpResponse<String> response = send(request("/api/v1/nodes", null)
                .header("Authorization", "bearer " + VISION_TOKEN).GET().build());

        assertJson(response, 200);
    }

    @Test
    void anUnknownPathIs404() {
        assertProblem(get("/api/v1/nothing-here", VISION_TOKEN), 404, "not-found");
        assertProblem(get("/nothing-here", null), 404, "not-found");
        assertProblem(get("/api/v2/jobs", VISION_TOKEN), 404, "not-found");
    }

    @Test
    void anUnknownPathIsAProblemEvenForABrowser() {
        HttpResponse<String> response = send(request("/nothing-here", null).header("Accept", "text/html").GET()
                .build());

        assertProblem(response, 404, "not-found");
    }

    @Test
    void aWrongMethodIs405ListingTheAllowedOnes() {
        HttpResponse<String> response = send(request("/api/v1/jobs", VISION_TOKEN)
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());

        JsonNode problem = assertProblem(response, 405, "method-not-allowed");
        String allow = response.headers().firstValue("Allow").orElseThrow();
        assertThat(Arrays.stream(allow.split(",")).map(String::trim)).containsExactlyInAnyOrder("GET", "POST");
        assertThat(problem.path("detail").asText()).contains("GET").contains("POST");

        HttpResponse<String> health = send(request("/healthz", null).POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertProblem(health, 405, "method-not-allowed");
        assertThat(health.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String big = "{\"name\": \"" + "a".repeat(1024 * 1024) + "\"}";

        assertProblem(post("/api/v1/jobs", VISION_TOKEN, big), 413, "payload-too-large");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        HttpResponse<String> response = send(request("/api/v1/jobs", VISION_TOKEN).header("Content-Type",
                "text/plain").POST(HttpRequest.BodyPublishers.ofString("name=x")).build());

        JsonNode problem = assertProblem(response, 415, "unsupported-media-type");
        assertThat(problem.path("detail").asText()).contains("application/json");
    }

    @Test
    void jsonWithACharsetIsAccepted() {
        HttpResponse<String> response = send(request("/api/v1/tenants", ADMIN_TOKEN)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"charset-test\"}")).build());

        assertJson(response, 201);
    }

    @Test
    void aClientThatAcceptsNoJsonGetsA406Problem() {
        HttpResponse<String> response = send(request("/api/v1/nodes", VISION_TOKEN).header("Accept", "text/html")
                .GET().build());

        assertProblem(response, 406, "not-acceptable");
    }

    @Test
    void anUnexpectedFailureIs500WithoutDetailsOfTheCause() {
        for (String id : new String[] {Fakes.EXPLODING, Fakes.THROWING}) {
            HttpResponse<String> response = get("/api/v1/jobs/" + id, VISION_TOKEN);

            JsonNode problem = assertProblem(response, 500, "internal-error");
            assertThat(response.body()).doesNotContain(Fakes.LEAKED_SECRET).doesNotContain("Exception")
                    .doesNotContain("at org.");
            assertThat(problem.has("errors")).isFalse();
        }
    }

    @Test
    void anUnavailableServiceIs503() {
        JsonNode problem = assertProblem(get("/api/v1/jobs/" + Fakes.UNAVAILABLE, VISION_TOKEN), 503, "unavailable");

        assertThat(problem.path("detail").asText()).isEqualTo("the scheduler is recovering; retry shortly");
    }

    @Test
    void healthzIsAlwaysOkWithoutAToken() {
        cluster.ready.set(false);

        assertThat(assertJson(get("/healthz", null), 200).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void readyzFollowsTheClusterWithoutAToken() {
        assertJson(get("/readyz", null), 200);

        cluster.ready.set(false);
        assertProblem(get("/readyz", null), 503, "unavailable");

        cluster.ready.set(true);
        cluster.readyFails.set(true);
        assertProblem(get("/readyz", null), 503, "unavailable");
    }

    @Test
    void probesIgnoreTheAcceptHeader() {
        HttpResponse<String> response = send(request("/healthz", null).header("Accept", "text/plain").GET().build());

        assertJson(response, 200);
    }
}
