package org.gantry.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.SimulatedFleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (its own process, a temporary config and storage, scraping every second)
 * scrapes a control plane with simulated nodes in this JVM, as {@code gantry up} runs it; what
 * its HTTP API answers for {@code gantry_gpus} must be what Gantry's own API says of the pools.
 */
class PrometheusScrapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void prometheusSeesTheGpusTheApiReports(@TempDir Path dir) throws Exception {
        Path prometheus = TestPeers.require("prometheus", "prometheus");
        System.setProperty("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
        ActorSystem<Void> system = GantryNode.start(new NodeOptions(Set.of("control", "gpu-node"), "127.0.0.1", 0,
                List.of(), dir.resolve("gantry")));
        Process scraper = null;
        try {
            ControlNode control = ControlNode.start(system, dir.resolve("gantry"), "127.0.0.1", 0);
            SimulatedFleet.start(system, dir.resolve("gantry-nodes"), 3, 4, control.metrics());
            assertThat(control.awaitReady(Duration.ofSeconds(30))).isTrue();
            control.ensureTenant("default", 12);
            HttpResponse<String> submitted = send(HttpRequest.newBuilder(URI.create(control.url() + "/api/v1/jobs"))
                    .header("Authorization", "Bearer " + control.adminToken())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"held\",\"tenant\":\"default\",\"gpus\":3,"
                            + "\"workload\":{\"kind\":\"simulated\",\"seconds\":600}}")));
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);

            int port = freePort();
            URI gantry = URI.create(control.url());
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: gantry
                        metrics_path: /metrics
                        static_configs:
                          - targets: ['%s:%d']
                    """.formatted(gantry.getHost(), gantry.getPort()));
            scraper = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            String api = "http://127.0.0.1:" + port;

            Map<String, Double> fromPrometheus = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                fromPrometheus.clear();
                JsonNode result = query(api, "gantry_gpus{pool=\"default\"}");
                if (result != null) {
                    for (JsonNode series : result) {
                        fromPrometheus.put(series.path("metric").path("state").asText(),
                                Double.parseDouble(series.path("value").get(1).asText()));
                    }
                }
                if (fromPrometheus.getOrDefault("allocated", 0.0) == 3.0) {
                    break;
                }
                assertThat(scraper.isAlive()).as(log(dir)).isTrue();
                assertThat(System.nanoTime()).as("Prometheus to scrape 3 allocated GPUs; has %s; log: %s",
                        fromPrometheus, log(dir)).isLessThan(deadline);
                Thread.sleep(500);
            }

            JsonNode pool = null;
            HttpResponse<String> pools = send(HttpRequest.newBuilder(URI.create(control.url() + "/api/v1/pools"))
                    .header("Authorization", "Bearer " + control.adminToken()).GET());
            for (JsonNode candidate : JSON.readTree(pools.body()).path("pools")) {
                if (candidate.path("id").asText().equals("default")) {
                    pool = candidate;
                }
            }
            assertThat(pool).as(pools.body()).isNotNull();
            assertThat(fromPrometheus).containsEntry("total", pool.path("gpus").asDouble())
                    .containsEntry("allocated", pool.path("gpus").asDouble() - pool.path("freeGpus").asDouble())
                    .containsEntry("unhealthy", 0.0).containsEntry("borrowed", 0.0);
            assertThat(fromPrometheus.get("total")).isEqualTo(12.0);

            JsonNode up = query(api, "up{job=\"gantry\"}");
            assertThat(up.get(0).path("value").get(1).asText()).isEqualTo("1");
            JsonNode nodes = query(api, "count(gantry_node_status{status=\"READY\"})");
            assertThat(nodes.get(0).path("value").get(1).asText()).isEqualTo("3");
        } finally {
            if (scraper != null) {
                scraper.destroy();
                if (!scraper.waitFor(20, TimeUnit.SECONDS)) {
                    scraper.destroyForcibly().waitFor();
                }
            }
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    /** The result vector of an instant query, or null while Prometheus does not answer yet. */
    private static JsonNode query(String api, String promql) throws Exception {
        try {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(api + "/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8))).GET());
            if (answer.statusCode() != 200) {
                return null;
            }
            JsonNode body = JSON.readTree(answer.body());
            return "success".equals(body.path("status").asText()) ? body.path("data").path("result") : null;
        } catch (java.io.IOException notYet) {
            return null;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String log(Path dir) {
        try {
            String log = Files.readString(dir.resolve("prometheus.log"));
            return log.substring(Math.max(0, log.length() - 3000));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
