package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.gantry.api.json.GantryJson;
import org.gantry.api.service.ApiServices;
import org.gantry.api.service.JobService;
import org.gantry.api.service.ServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on changes in flight over real HTTP on loopback: with two cancels held unanswered
 * by the service, a third change is answered 503 at once with Retry-After and a problem body,
 * reads go on being served, and once one of the two is answered (even with an error) its slot
 * takes a change again.
 */
class ChangesInFlightTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final CompletableFuture<org.gantry.api.job.Job> held = new CompletableFuture<>();
    private ActorSystem<Void> system;
    private ServerBinding binding;

    @AfterEach
    void stop() throws Exception {
        held.completeExceptionally(new ServiceException.NotFound("gone"));
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        system.terminate();
    }

    @Test
    void aChangeOverTheBoundIsAnswered503AtOnceAndItsSlotComesBack() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "changes-in-flight-test");
        ApiServices fakes = new Fakes.All(system).services();
        JobService real = fakes.jobs();
        JobService holding = (JobService) Proxy.newProxyInstance(JobService.class.getClassLoader(),
                new Class<?>[] {JobService.class}, (proxy, method, args) -> method.getName().equals("cancel")
                        ? held : method.invoke(real, args));
        ApiServices services = new ApiServices(holding, fakes.tenants(), fakes.cluster(), fakes.logs(), fakes.models(),
                fakes.datasets(), fakes.authenticator(), fakes.tokens(), fakes.audit());
        GantryRoutes routes = new GantryRoutes(services, new RouteOptions(path -> path, RateLimit.UNLIMITED, 2));
        binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes.route()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        List<CompletableFuture<HttpResponse<String>>> waiting = List.of(
                sendAsync("DELETE", "/api/v1/jobs/j-one"), sendAsync("DELETE", "/api/v1/jobs/j-two"));
        Thread.sleep(500); // both reach the service, which holds them
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        long sent = System.nanoTime();
        HttpResponse<String> refused = sendAsync("DELETE", "/api/v1/jobs/j-three").get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("at once").isLessThan(Duration.ofSeconds(2));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode problem = GantryJson.mapper().readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:gantry:problem:unavailable");
        assertThat(problem.path("detail").asText()).contains("gantry.api.max-changes-in-flight")
                .contains("nothing of this request was done");
        assertThat(sendAsync("GET", "/api/v1/jobs").get(5, TimeUnit.SECONDS).statusCode()).as("reads")
                .isEqualTo(200);

        held.completeExceptionally(new ServiceException.NotFound("no job j-one"));
        for (CompletableFuture<HttpResponse<String>> answer : waiting) {
            assertThat(answer.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
        }
        assertThat(sendAsync("DELETE", "/api/v1/jobs/j-four").get(5, TimeUnit.SECONDS).statusCode())
                .as("the slots came back").isEqualTo(404);
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + binding.localAddress().getPort()
                        + path)).header("Authorization", "Bearer " + Fakes.ADMIN_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
