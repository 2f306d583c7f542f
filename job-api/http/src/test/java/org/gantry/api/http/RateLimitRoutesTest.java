package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.gantry.api.json.GantryJson;
import org.gantry.api.service.ApiServices;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.Caller;
import org.gantry.api.service.TokenAuthenticator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rate limit over real HTTP on loopback: a tenant's changes beyond its burst get a 429 problem
 * with Retry-After; its reads, other tenants and the admin go on being served.
 */
class RateLimitRoutesTest {
    private static ActorSystem<Void> system;
    private static ServerBinding binding;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "rate-limit-test");
        GantryRoutes routes = new GantryRoutes(new Fakes.All(system).services(),
                new RouteOptions(path -> path, new RateLimit(0.2, 3)));
        binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes.route()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        system.terminate();
    }

    @Test
    void changesBeyondTheBurstAreRefusedWith429AndRetryAfterWhileOthersAreServed() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(Fakes.VISION_TOKEN, "DELETE", "/api/v1/jobs/j-nothing-" + i).statusCode()).isEqualTo(404);
        }
        HttpResponse<String> refused = send(Fakes.VISION_TOKEN, "DELETE", "/api/v1/jobs/j-nothing");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 5L);
        JsonNode problem = GantryJson.mapper().readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:gantry:problem:too-many-requests");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asText()).contains("0.2 changes per second").contains("Retry-After");

        assertThat(send(Fakes.VISION_TOKEN, "GET", "/api/v1/jobs").statusCode()).as("reads").isEqualTo(200);
        assertThat(send(Fakes.AUDIO_TOKEN, "DELETE", "/api/v1/jobs/j-nothing").statusCode()).as("another tenant")
                .isEqualTo(404);
        for (int i = 0; i < 10; i++) {
            assertThat(send(Fakes.ADMIN_TOKEN, "DELETE", "/api/v1/jobs/j-nothing").statusCode()).as("the admin")
                    .isEqualTo(404);
        }
        assertThat(send(null, "DELETE", "/api/v1/jobs/j-nothing").statusCode()).as("no token: 401 first")
                .isEqualTo(401);
    }

    @Test
    void eachRefusalNamesItsOwnPathThoughTheyAreKept() throws Exception {
        GantryRoutes routes = new GantryRoutes(new Fakes.All(system).services(),
                new RouteOptions(path -> path, new RateLimit(0.2, 1)));
        ServerBinding own = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes.route()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        try {
            int port = own.localAddress().getPort();
            assertThat(send(port, Fakes.AUDIO_TOKEN, "DELETE", "/api/v1/jobs/j-a").statusCode()).isEqualTo(404);
            for (String path : List.of("/api/v1/jobs/j-a", "/api/v1/jobs/j-a", "/api/v1/jobs/j-b", "/api/v1/jobs/j-a")) {
                HttpResponse<String> refused = send(port, Fakes.AUDIO_TOKEN, "DELETE", path);
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(GantryJson.mapper().readTree(refused.body()).path("instance").asText()).isEqualTo(path);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            }
        } finally {
            own.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTokenOverItsRateIsRefusedWithoutBeingCheckedAgain() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        Fakes.Authenticator fake = new Fakes.Authenticator();
        TokenAuthenticator counting = new TokenAuthenticator() {
            @Override
            public CompletionStage<Optional<Caller>> authenticate(String token) {
                return fake.authenticate(token);
            }

            @Override
            public CompletionStage<Authentication> identify(String token) {
                checks.incrementAndGet();
                return fake.identify(token);
            }
        };
        Fakes.Jobs jobs = new Fakes.Jobs();
        GantryRoutes routes = new GantryRoutes(new ApiServices(jobs, new Fakes.Tenants(), new Fakes.Cluster(),
                new Fakes.Logs(jobs), new Fakes.Models(), new Fakes.Datasets(system), counting, new Fakes.Tokens(),
                new Fakes.Audit()), new RouteOptions(path -> path, new RateLimit(0.2, 2)));
        ServerBinding own = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes.route()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        try {
            int port = own.localAddress().getPort();
            for (int i = 0; i < 2; i++) { // the burst, each checked
                assertThat(send(port, Fakes.AUDIO_TOKEN, "DELETE", "/api/v1/jobs/j-nothing").statusCode()).isEqualTo(404);
            }
            assertThat(checks.get()).isEqualTo(2);

            HttpResponse<String> refused = send(port, Fakes.AUDIO_TOKEN, "DELETE", "/api/v1/jobs/j-nothing");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(checks.get()).as("refused before the token check, which asks an actor").isEqualTo(2);

            assertThat(send(port, Fakes.AUDIO_TOKEN, "GET", "/api/v1/jobs").statusCode()).as("reads").isEqualTo(200);
            assertThat(send(port, "not-a-token", "DELETE", "/api/v1/jobs/j-nothing").statusCode())
                    .as("an unknown token is still checked and refused 401").isEqualTo(401);
            assertThat(checks.get()).isEqualTo(4);
        } finally {
            own.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> send(String token, String method, String path) throws Exception {
        return send(binding.localAddress().getPort(), token, method, path);
    }

    private static HttpResponse<String> send(int port, String token, String method, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
