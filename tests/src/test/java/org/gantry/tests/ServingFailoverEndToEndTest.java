package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.RegressionCsv;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.JvmCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving survives a dead replica, on a {@code gantry control} JVM and two {@code gantry agent}
 * JVMs: a model trained there is served by a {@code djl-serve} job with 2 replicas, one per
 * agent, while client threads send predictions through the REST API. One replica's process is
 * killed with SIGKILL; its agent starts it again in place; once it is back the other replica's
 * process is killed too, so the first one's return is proven by the answers it alone gives.
 * Every request is answered 200 with the prediction the model gave before the load (a 503 with
 * {@code Retry-After} would be allowed only while no replica was ready; nothing else is), and the
 * job stays RUNNING in its first attempt.
 */
class ServingFailoverEndToEndTest {
    private static final String ADMIN = Tokens.generate();
    private static final String SERVER = "org.gantry.djl.serve.ServeMain";
    private static final int CLIENTS = 8;
    /** How long a killed replica may take to be back: its restart's backoff, a JVM start, the model's load. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JvmCluster jvms;

    @AfterEach
    void stopAll() {
        jvms.close();
    }

    @Test
    void killingOneReplicaUnderLoadLosesNoRequestAndItComesBack() throws Exception {
        jvms = new JvmCluster(dir, ADMIN);
        Api admin = jvms.startControl();
        jvms.startAgent("agent-a", "--gpus", "1");
        jvms.startAgent("agent-b", "--gpus", "1");
        jvms.awaitNodes(admin, 2);
        Api asTenant = jvms.tenant(admin, "vision", 2, 2);
        train(asTenant);

        Api.Answer deployed = asTenant.post("/api/v1/jobs", "{\"name\":\"houses-serve\",\"gpus\":1,"
                + "\"workload\":{\"kind\":\"djl-serve\",\"model\":\"houses\",\"replicas\":2}}");
        assertThat(deployed.status()).as(deployed.raw()).isEqualTo(201);
        String job = deployed.body().get("id").asText();
        Eventually.await("a replica on each agent", Duration.ofSeconds(120),
                () -> readyLines("agent-a", job) == 1 && readyLines("agent-b", job) == 1, this::logs);
        List<String> rows = List.of(row(1), row(-1), row(0.5), row(0));
        List<Double> expected = new ArrayList<>();
        for (String body : rows) {
            Eventually.await("a prediction", Duration.ofSeconds(30),
                    () -> asTenant.post("/api/v1/models/houses/predict", body).status() == 200, this::logs);
            expected.add(asTenant.post("/api/v1/models/houses/predict", body).body().get("predictions").get(0).asDouble());
        }

        Load load = new Load(asTenant, rows, expected, admin.baseUrl());
        load.start();
        try {
            Thread.sleep(4_000); // both replicas known to the control plane (reports every 2 s) and under load
            long killedA = serverPid("agent-a").orElseThrow();
            long sentBeforeKill = load.sent.get();
            ProcessHandle.of(killedA).orElseThrow().destroyForcibly();
            long killedAt = System.nanoTime();
            Eventually.await("agent-a's replica back", BACK_WITHIN, () -> readyLines("agent-a", job) == 2, this::logs);
            double backAfter = (System.nanoTime() - killedAt) / 1e9;
            long newA = serverPid("agent-a").orElseThrow();
            assertThat(newA).isNotEqualTo(killedA);

            // Once its agent reported it, the restarted replica alone carries the load while agent-b's restarts.
            Thread.sleep(1_000);
            long killedB = serverPid("agent-b").orElseThrow();
            long sentWhileAAlone = load.sent.get();
            ProcessHandle.of(killedB).orElseThrow().destroyForcibly();
            Eventually.await("agent-b's replica back", BACK_WITHIN, () -> readyLines("agent-b", job) == 2, this::logs);
            Thread.sleep(2_000);
            load.stop();

            System.out.printf(Locale.ROOT, "djl-serve failover: %d requests from %d clients, answers %s, wrong %d; "
                            + "agent-a's replica back %.1f s after kill -9 (%d requests sent before it)%n",
                    load.sent.get(), CLIENTS, load.statuses, load.wrong.get(), backAfter, sentBeforeKill);
            assertThat(load.failures).as("requests that got no answer").isEmpty();
            assertThat(load.statuses.keySet()).as("statuses: only 200, or 503 with Retry-After while none was ready")
                    .isSubsetOf(200, 503);
            assertThat(load.statuses.getOrDefault(200, new AtomicLong()).get()).isGreaterThan(sentWhileAAlone);
            assertThat(load.missingRetryAfter.get()).as("503s without Retry-After").isZero();
            assertThat(load.wrong.get()).as("200s with a wrong prediction").isZero();
            assertThat(load.statuses.getOrDefault(503, new AtomicLong()).get())
                    .as("503s, though a replica was ready all along").isZero();
        } finally {
            load.stop();
        }
        JsonNode served = asTenant.get("/api/v1/jobs/" + job).body();
        assertThat(served.get("state").asText()).isEqualTo("RUNNING");
        assertThat(served.get("attempt").asInt()).as("no new attempt").isEqualTo(1);
        assertThat(asTenant.post("/api/v1/models/houses/predict", rows.get(0)).status()).isEqualTo(200);
    }

    private void train(Api asTenant) throws IOException {
        Path csv = RegressionCsv.write(dir.resolve("houses.csv"), 4_000, 0.0, 5);
        Api.Answer submitted = asTenant.post("/api/v1/jobs", "{\"name\":\"houses-mlp\",\"gpus\":1,"
                + "\"workload\":{\"kind\":\"djl-train\",\"datasetPath\":\"" + csv + "\",\"target\":\"y\","
                + "\"model\":\"houses\",\"epochs\":6,\"seed\":5}}");
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        String id = submitted.body().get("id").asText();
        Eventually.await("the model to be trained", Duration.ofSeconds(180),
                () -> "SUCCEEDED".equals(asTenant.get("/api/v1/jobs/" + id).body().get("state").asText()),
                () -> asTenant.get("/api/v1/jobs/" + id + "/events").raw() + "\n" + logs());
    }

    /** One row, {@code z} standard deviations from the mean in every feature. */
    private static String row(double z) {
        StringBuilder row = new StringBuilder("{\"rows\":[{");
        double[] offsets = {0, 50, -3, 10, 1000, -20, 7, 0};
        double[] scales = {1, 10, 0.1, 5, 100, 2, 0.5, 20};
        for (int f = 0; f < offsets.length; f++) {
            row.append(f == 0 ? "" : ",").append("\"x").append(f + 1).append("\":").append(offsets[f] + z * scales[f]);
        }
        return row.append("}]}").toString();
    }

    /** The pid of the serving process the agent's JVM runs (under its watchdog), if one runs. */
    private Optional<Long> serverPid(String agent) {
        return ProcessHandle.of(jvms.agent(agent).pid()).orElseThrow().descendants()
                .filter(process -> process.isAlive() && process.info().commandLine().orElse("").contains(SERVER)
                        && !process.info().command().orElse("").endsWith("sh"))
                .map(ProcessHandle::pid).findFirst();
    }

    /** How many times the job's replica on {@code agent} said it is ready: one more per process started. */
    private long readyLines(String agent, String job) {
        try (Stream<Path> files = Files.walk(dir.resolve(agent))) {
            Optional<Path> log = files.filter(path -> path.endsWith(Path.of("logs", job, "1", "stdout.log"))).findFirst();
            if (log.isEmpty()) {
                return 0;
            }
            return Files.readAllLines(log.get()).stream().filter(line -> line.startsWith("GANTRY_SERVING")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private String logs() {
        return jvms.logs();
    }

    /** Client threads posting predictions until stopped, tallying every answer. */
    private static final class Load {
        private final List<String> rows;
        private final List<Double> expected;
        private final String base;
        private final String token;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong wrong = new AtomicLong();
        final AtomicLong missingRetryAfter = new AtomicLong();
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        Load(Api asTenant, List<String> rows, List<Double> expected, String base) {
            this.rows = rows;
            this.expected = expected;
            this.base = base;
            this.token = asTenant.token();
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread thread = new Thread(() -> run(client), "predict-client-" + c);
                thread.start();
                threads.add(thread);
            }
        }

        private void run(int client) {
            for (int i = client; running.get(); i++) {
                int which = i % rows.size();
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/models/houses/predict"))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(rows.get(which))).build();
                sent.incrementAndGet();
                try {
                    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    statuses.computeIfAbsent(answer.statusCode(), status -> new AtomicLong()).incrementAndGet();
                    if (answer.statusCode() == 200) {
                        double prediction = JSON.readTree(answer.body()).get("predictions").get(0).asDouble();
                        if (Math.abs(prediction - expected.get(which)) > 1e-3 * Math.max(1, Math.abs(expected.get(which)))) {
                            wrong.incrementAndGet();
                        }
                    } else if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isEmpty()) {
                        missingRetryAfter.incrementAndGet();
                    } else if (answer.statusCode() != 503 && failures.size() < 20) {
                        failures.add(answer.statusCode() + " " + answer.body());
                    }
                } catch (IOException e) {
                    failures.add("no answer: " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
    }
}
