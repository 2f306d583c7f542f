package org.gantry.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gantry.ops.node.ControlNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant flooding with many connections at once, over real HTTP to a real control plane with
 * its default rate limit (bursts of 100): every request is answered, a 201 or a 429 with
 * Retry-After, and the counts add up. With Pekko's default accept queue of 100, a burst of new
 * connections beyond it was dropped and its clients got no answer at all.
 */
class FloodAnsweredTest {
    /** Each on a connection of its own: the JDK client opens one per request in flight. */
    private static final int AT_ONCE = 800;
    private static LocalControlPlane plane;
    private static ControlNode control;

    @BeforeAll
    static void startControlPlane() throws Exception {
        plane = LocalControlPlane.start("gantry-flood-answered-test", 2);
        control = plane.control;
    }

    @AfterAll
    static void stopControlPlane() {
        plane.close();
    }

    @Test
    void everyRequestOfAFloodOnManyConnectionsIsAnswered() throws Exception {
        String flooder = tenantToken("flooder");
        String quiet = tenantToken("quiet");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> unanswered = new ConcurrentHashMap<>();
        AtomicInteger withoutRetryAfter = new AtomicInteger();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            answers.add(client.sendAsync(submit(flooder), HttpResponse.BodyHandlers.discarding()).whenComplete(
                    (response, failure) -> {
                        if (failure != null) {
                            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                            unanswered.computeIfAbsent(cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                                    why -> new AtomicInteger()).incrementAndGet();
                            return;
                        }
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() == 429 && response.headers().firstValue("Retry-After").isEmpty()) {
                            withoutRetryAfter.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();

        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        assertThat(unanswered).as("requests that got no answer, by why").isEmpty();
        assertThat(counts.keySet()).as("statuses").isSubsetOf(201, 429);
        // The burst of 100, and what 50/s refills while the flood is answered: on a slow machine all.
        assertThat(counts.get(201)).as("accepted").isGreaterThanOrEqualTo(100);
        assertThat(counts.get(201) + counts.getOrDefault(429, 0)).isEqualTo(AT_ONCE);
        assertThat(withoutRetryAfter.get()).as("429s without Retry-After").isZero();
        assertThat(client.send(submit(quiet), HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("another tenant, after the flood").isEqualTo(201);
    }

    private static HttpRequest submit(String token) {
        return HttpRequest.newBuilder(URI.create(control.url() + "/api/v1/jobs")).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"flood\",\"gpus\":1,"
                        + "\"workload\":{\"kind\":\"simulated\",\"seconds\":3600}}"))
                .build();
    }

    private static String tenantToken(String name) throws Exception {
        HttpResponse<String> made = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(control.url() + "/api/v1/tenants")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + control.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name
                        + "\",\"quotas\":{\"default\":{\"guaranteed\":0,\"limit\":1}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return new ObjectMapper().readTree(made.body()).get("token").asText();
    }
}
