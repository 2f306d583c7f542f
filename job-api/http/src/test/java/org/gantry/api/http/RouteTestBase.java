package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.gantry.api.json.GantryJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A real server on a free port, serving {@link GantryRoutes} over the fakes, called with
 * {@link HttpClient}: what a client sees is what is tested, bytes and headers included.
 */
abstract class RouteTestBase {
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    static ActorSystem<Void> system;
    static ServerBinding binding;
    static HttpClient client;
    static Fakes.Jobs jobs;
    static Fakes.Tenants tenants;
    static Fakes.Cluster cluster;
    static Fakes.Logs logs;
    static Fakes.Tokens tokens;
    static Fakes.Audit audit;

    @BeforeAll
    static void startServer() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "gantry-routes-test");
        Fakes.All fakes = new Fakes.All(system);
        jobs = fakes.jobs;
        tenants = fakes.tenants;
        cluster = fakes.cluster;
        logs = fakes.logs;
        tokens = fakes.tokens;
        audit = fakes.audit;
        // Route templates as the metrics name them, near enough for the fakes: the path itself.
        GantryRoutes routes = new GantryRoutes(fakes.services(), RouteOptions.unlimited(path -> path));
        binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes.route())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
    }

    static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    static HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    static HttpResponse<String> post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static HttpResponse<String> put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static HttpResponse<String> putCsv(String path, String token, String csv) {
        return send(request(path, token).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return GantryJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** A JSON answer with this status; its body as a tree. */
    static JsonNode assertJson(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(contentType(response)).isEqualTo(JSON);
        return json(response);
    }

    /** An RFC 9457 problem of this status and type slug, with every member a client relies on. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(contentType(response)).isEqualTo(PROBLEM_JSON);
        JsonNode problem = json(response);
        assertThat(problem.path("type").asText()).isEqualTo("urn:gantry:problem:" + type);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).isEqualTo(response.uri().getRawPath());
        return problem;
    }
}
