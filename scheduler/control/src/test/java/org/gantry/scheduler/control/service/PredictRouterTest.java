package org.gantry.scheduler.control.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.ServingEndpoint;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.ServingDirectory;
import org.gantry.scheduler.control.ServingDirectory.ModelRef;
import org.gantry.scheduler.control.ServingDirectory.Replica;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The predict router against real HTTP replicas on loopback: it spreads load by outstanding
 * requests, sends a request on when a replica is gone, passes a refusal of the rows back, and
 * says when to come back when nothing serves the model.
 */
class PredictRouterTest {
    private static final TenantId VISION = TenantId.of("vision");
    private static final String TOKEN = "replica-token";

    private final ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "predict-router-test");
    private final List<HttpServer> servers = new ArrayList<>();
    private final ServingDirectory directory = new ServingDirectory();
    private final PredictRouter router = new PredictRouter(system, directory, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
        system.terminate();
    }

    @Test
    void busyReplicasGetFewerRequestsAndEveryAnswerComesFromOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowCalls = new AtomicInteger();
        AtomicInteger fastCalls = new AtomicInteger();
        Replica slow = replica(0, exchange -> {
            slowCalls.incrementAndGet();
            await(release);
            return answer(200, "{\"replica\":0}");
        });
        Replica fast = replica(1, exchange -> {
            fastCalls.incrementAndGet();
            return answer(200, "{\"replica\":1}");
        });
        serve(slow, fast);

        CompletableFuture<byte[]> stuck = predict("{}").toCompletableFuture();
        await(() -> slowCalls.get() + fastCalls.get() == 1);
        boolean firstWentToSlow = slowCalls.get() == 1;
        for (int i = 0; i < 20; i++) {
            predict("{}").toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        release.countDown();
        stuck.get(5, TimeUnit.SECONDS);

        if (firstWentToSlow) {
            assertThat(fastCalls.get()).as("the idle replica takes what arrives while the other is busy").isEqualTo(20);
        } else {
            assertThat(fastCalls.get()).isGreaterThanOrEqualTo(11);
        }
    }

    @Test
    void aRequestToAReplicaThatIsGoneGoesToTheNext() throws Exception {
        Replica gone = replica(0, exchange -> answer(200, "{}"));
        servers.get(0).stop(0);
        Replica alive = replica(1, exchange -> answer(200, "{\"predictions\":[1.5]}"));
        serve(gone, alive);

        for (int i = 0; i < 4; i++) {
            assertThat(new String(predict("{}").toCompletableFuture().get(10, TimeUnit.SECONDS),
                    StandardCharsets.UTF_8)).isEqualTo("{\"predictions\":[1.5]}");
        }
    }

    @Test
    void aReplicaThatFailsIsSetAsideUntilItsAgentAnnouncesItAgain() throws Exception {
        AtomicInteger failingCalls = new AtomicInteger();
        Replica failing = replica(0, exchange -> {
            failingCalls.incrementAndGet();
            return answer(500, "{\"detail\":\"out of memory\"}");
        });
        Replica healthy = replica(1, exchange -> answer(200, "{\"predictions\":[2.5]}"));
        serve(failing, healthy);

        for (int i = 0; i < 10; i++) {
            assertThat(new String(predict("{}").toCompletableFuture().get(10, TimeUnit.SECONDS),
                    StandardCharsets.UTF_8)).isEqualTo("{\"predictions\":[2.5]}");
        }
        assertThat(failingCalls.get()).as("tried once, then set aside").isLessThanOrEqualTo(1);

        // The same address announced again (a new report): it gets requests again.
        failingCalls.set(0);
        serve(new Replica(failing.job(), failing.attempt(), failing.node(), failing.endpoint()), healthy);
        for (int i = 0; i < 10; i++) {
            predict("{}").toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertThat(failingCalls.get()).as("announced again, it is tried again").isEqualTo(1);
    }

    @Test
    void aRequestTriesAtMostThreeReplicasThenTheCallerIsToldToComeBack() {
        AtomicInteger calls = new AtomicInteger();
        List<Replica> failing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            failing.add(replica(i, exchange -> {
                calls.incrementAndGet();
                return answer(503, "{}");
            }));
        }
        serve(failing.toArray(Replica[]::new));

        Throwable refused = failure(() -> predict("{}").toCompletableFuture().join());

        assertThat(refused).isInstanceOf(ServiceException.Unavailable.class).hasMessageContaining("no replica that answered");
        assertThat(((ServiceException.Unavailable) refused).retryAfter()).isEqualTo(PredictRouter.RETRY_AFTER);
        assertThat(calls.get()).isEqualTo(PredictRouter.MAX_TRIES);
    }

    @Test
    void replicasThatWentAwayAreForgotten() throws Exception {
        Replica first = replica(0, exchange -> answer(200, "{}"));
        Replica second = replica(1, exchange -> answer(200, "{}"));
        serve(first, second);
        for (int i = 0; i < 6; i++) {
            predict("{}").toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertThat(router.tracked()).containsExactlyInAnyOrder(first.endpoint().url(), second.endpoint().url());

        serve(second);
        predict("{}").toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(router.tracked()).containsExactly(second.endpoint().url());
    }

    @Test
    void theReplicaSeesTheTokenAndTheRowsAndItsRefusalReachesTheCaller() {
        List<String> seen = new ArrayList<>();
        serve(replica(0, exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            return answer(422, "{\"type\":\"urn:gantry:problem:invalid-request\",\"detail\":\"rows[0] lacks feature 'area'\"}");
        }));

        Throwable refused = failure(() -> predict("{\"rows\":[{\"rooms\":3}]}").toCompletableFuture().join());

        assertThat(refused).isInstanceOf(ServiceException.Invalid.class).hasMessage("rows[0] lacks feature 'area'");
        assertThat(seen).containsExactly("Bearer " + TOKEN + " {\"rows\":[{\"rooms\":3}]}");
    }

    @Test
    void withoutReadyReplicasTheCallerIsToldWhenToComeBack() {
        Throwable refused = failure(() -> predict("{}").toCompletableFuture().join());

        assertThat(refused).isInstanceOf(ServiceException.Unavailable.class).hasMessageContaining("gantry deploy houses");
        assertThat(((ServiceException.Unavailable) refused).retryAfter()).isEqualTo(PredictRouter.RETRY_AFTER);
    }

    private CompletionStage<byte[]> predict(String rows) {
        return router.predict(VISION, "houses", rows.getBytes(StandardCharsets.UTF_8));
    }

    private void serve(Replica... replicas) {
        directory.publish(Map.of(new ModelRef(VISION, "houses"), List.of(replicas)));
    }

    private record Answer(int status, String body) {}

    private interface Handler {
        Answer handle(HttpExchange exchange) throws IOException;
    }

    private static Answer answer(int status, String body) {
        return new Answer(status, body);
    }

    private Replica replica(int index, Handler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/predict", exchange -> {
                Answer answer = handler.handle(exchange);
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            servers.add(server);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/predict";
            return new Replica(new JobId("j-serve"), 1, new NodeId("gpu-" + index),
                    new ServingEndpoint(index, url, TOKEN, 2));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(done.getAsBoolean()).isTrue();
    }

    private static Throwable failure(Runnable call) {
        try {
            call.run();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
