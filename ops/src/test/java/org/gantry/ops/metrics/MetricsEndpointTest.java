package org.gantry.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gantry.agent.gpu.NvidiaSmiGpus;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.SimulatedFleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a real control plane in this JVM (two simulated nodes of 4 GPUs, jobs
 * submitted over HTTP), read back with a strict parser, checked by {@code promtool check
 * metrics}; and an agent's metrics server over an nvidia-smi that reports readings.
 */
class MetricsEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RUNNING = "{\"name\":\"held\",\"tenant\":\"default\",\"gpus\":2,"
            + "\"workload\":{\"kind\":\"simulated\",\"seconds\":600}}";
    private static final String QUICK = "{\"name\":\"quick\",\"tenant\":\"default\",\"gpus\":1,"
            + "\"workload\":{\"kind\":\"simulated\",\"seconds\":1}}";
    private static final String WAITING = "{\"name\":\"big\",\"tenant\":\"default\",\"gpus\":8,"
            + "\"workload\":{\"kind\":\"simulated\",\"seconds\":1}}";

    private static ActorSystem<Void> system;
    private static ControlNode control;
    private static final List<String> jobIds = new ArrayList<>();

    @BeforeAll
    static void startControlPlane() throws Exception {
        jobIds.clear();
        System.setProperty("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
        Path dataDir = Files.createTempDirectory("gantry-metrics-test");
        system = GantryNode.start(new NodeOptions(Set.of("control", "gpu-node"), "127.0.0.1", 0, List.of(), dataDir));
        control = ControlNode.start(system, dataDir, "127.0.0.1", 0);
        SimulatedFleet.start(system, dataDir.resolve("nodes"), 2, 4, control.metrics());
        assertThat(control.awaitReady(Duration.ofSeconds(30))).isTrue();
        control.ensureTenant("default", 4);
        jobIds.add(submit(RUNNING));
        jobIds.add(submit(QUICK));
        jobIds.add(submit(WAITING)); // 8 GPUs while 2 are held: waits
        await("a job running, one finished, one waiting", () -> {
            Exposition scraped = Exposition.parse(scrape());
            return sum(scraped, "gantry_jobs", Map.of("state", "RUNNING")) == 1
                    && sum(scraped, "gantry_jobs", Map.of("state", "PENDING")) == 1
                    && sum(scraped, "gantry_jobs_finished_total", Map.of("state", "SUCCEEDED")) == 1;
        });
    }

    @AfterAll
    static void stopControlPlane() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }

    @Test
    void metricsDescribeTheClusterTheApiDescribes() throws Exception {
        HttpResponse<String> response = get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Exposition metrics = Exposition.parse(response.body());

        Map<String, String> pool = Map.of("pool", "default");
        assertThat(metrics.value("gantry_gpus", Map.of("pool", "default", "state", "total"))).isEqualTo(8);
        assertThat(metrics.value("gantry_gpus", Map.of("pool", "default", "state", "allocated"))).isEqualTo(2);
        assertThat(metrics.value("gantry_gpus", Map.of("pool", "default", "state", "unhealthy"))).isZero();
        assertThat(metrics.value("gantry_queue_jobs", pool)).isEqualTo(1);
        assertThat(metrics.value("gantry_queue_gpus", pool)).isEqualTo(8);
        assertThat(metrics.value("gantry_queue_shape_jobs", Map.of("pool", "default", "gpus", "8"))).isEqualTo(1);
        assertThat(metrics.find("gantry_queue_shape_jobs", pool)).as("only shapes that wait").hasSize(1);
        assertThat(metrics.value("gantry_queue_oldest_wait_seconds", pool)).isGreaterThan(0).isLessThan(120);
        assertThat(metrics.value("gantry_jobs", Map.of("state", "RUNNING", "tenant", "default", "pool", "default")))
                .isEqualTo(1);
        assertThat(metrics.find("gantry_node_gpus", Map.of("state", "total"))).hasSize(2)
                .allSatisfy(sample -> assertThat(sample.value()).isEqualTo(4));
        assertThat(metrics.find("gantry_node_status", Map.of("status", "READY"))).hasSize(2);
        assertThat(metrics.value("gantry_quota_guaranteed_gpus", Map.of("tenant", "default", "pool", "default")))
                .isEqualTo(4);
        assertThat(metrics.value("gantry_quota_used_gpus", Map.of("tenant", "default", "pool", "default")))
                .isEqualTo(2);
        assertThat(metrics.value("gantry_job_wait_seconds_count", pool)).isGreaterThanOrEqualTo(2);
        assertThat(metrics.value("gantry_job_run_seconds_count", Map.of("pool", "default", "state", "SUCCEEDED")))
                .isEqualTo(1);
        assertThat(metrics.value("gantry_scheduling_pass_seconds_count", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("gantry_heartbeats_total", Map.of())).isGreaterThanOrEqualTo(2);
        assertThat(metrics.value("gantry_preemptions_total", Map.of("reason", "reclaim_borrowed"))).isZero();
        assertThat(metrics.value("gantry_journal_write_seconds_count", Map.of())).isGreaterThan(0);
        assertThat(metrics.value("gantry_storage_disk_free_bytes", Map.of())).isGreaterThan(0);
        assertThat(metrics.value("gantry_storage_disk_reserve_bytes", Map.of())).isEqualTo(64 * 1024 * 1024);
        assertThat(metrics.value("gantry_storage_writes_refused_total", Map.of())).isZero();
        assertThat(metrics.value("gantry_metrics_scrape_seconds_count", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(metrics.types()).containsEntry("gantry_scheduling_pass_seconds", "histogram")
                .containsEntry("gantry_preemptions_total", "counter").containsEntry("gantry_gpus", "gauge")
                .containsEntry("gantry_storage_writes_refused_total", "counter");
        assertThat(metrics.names()).contains("jvm_memory_bytes_used", "jvm_threads_current", "process_cpu_seconds_total");
        assertThat(metrics.names()).as("_created series are left out").noneMatch(name -> name.endsWith("_created"));
    }

    @Test
    void httpRequestsAreCountedByRouteTemplateNeverByJobId() throws Exception {
        String id = jobIds.get(0);
        assertThat(get("/api/v1/jobs/" + id, control.adminToken()).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/jobs/" + id + "/explain", control.adminToken()).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/jobs/no-such-job", control.adminToken()).statusCode()).isEqualTo(404);
        assertThat(get("/no/such/path/" + id, null).statusCode()).isEqualTo(404);

        String text = scrape();
        Exposition metrics = Exposition.parse(text);
        assertThat(metrics.value("gantry_http_requests_total",
                Map.of("route", "GET /api/v1/jobs/{id}", "status", "200"))).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("gantry_http_requests_total",
                Map.of("route", "GET /api/v1/jobs/{id}", "status", "404"))).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("gantry_http_requests_total",
                Map.of("route", "GET /api/v1/jobs/{id}/explain", "status", "200"))).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("gantry_http_requests_total", Map.of("route", "GET other", "status", "404")))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("gantry_http_requests_total",
                Map.of("route", "POST /api/v1/jobs", "status", "201"))).isEqualTo(3);
        jobIds.forEach(job -> assertThat(text).doesNotContain(job));
        assertThat(text).doesNotContain(control.adminToken()).doesNotContain("no-such-job");
    }

    @Test
    void metricsNeedNoToken() throws Exception {
        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/pools", null).statusCode()).isEqualTo(401);
    }

    @Test
    void promtoolFindsNothingWrongWithTheOutput(@TempDir Path dir) throws Exception {
        Path promtool = TestPeers.require("promtool", "prometheus");
        Path scraped = dir.resolve("metrics.txt");
        Files.writeString(scraped, scrape(), StandardCharsets.UTF_8);
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                .redirectInput(scraped.toFile()).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.exitValue()).as(said).isZero();
        assertThat(said).as("promtool's complaints").isBlank();
    }

    @Test
    void anAgentServesItsMeasuredGpus(@TempDir Path dir) throws Exception {
        Path smi = dir.resolve(NvidiaSmiGpus.COMMAND);
        Files.writeString(smi, "#!/bin/sh\necho '0, GPU-1, NVIDIA L4, 23034, 1024, 37, 41'\n"
                + "echo '1, GPU-2, NVIDIA L4, 23034, 0, 0, 30'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (NvidiaSmiGpus gpus = NvidiaSmiGpus.start(smi, Duration.ofSeconds(1), Duration.ofSeconds(5))) {
            await("nvidia-smi read", () -> gpus.devices().size() == 2);
            GantryMetrics metrics = new GantryMetrics();
            metrics.agent("gpu-7", gpus);
            try (MetricsServer server = MetricsServer.start(metrics, "127.0.0.1", 0)) {
                String base = "http://127.0.0.1:" + server.port();
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                Exposition scraped = Exposition.parse(response.body());
                Map<String, String> first = Map.of("node", "gpu-7", "gpu", "0", "model", "NVIDIA L4");
                assertThat(scraped.value("gantry_agent_gpu_utilization_ratio", first)).isEqualTo(0.37);
                assertThat(scraped.value("gantry_agent_gpu_memory_used_bytes", first)).isEqualTo(1024.0 * 1024 * 1024);
                assertThat(scraped.value("gantry_agent_gpu_memory_total_bytes", first))
                        .isEqualTo(23034.0 * 1024 * 1024);
                assertThat(scraped.value("gantry_agent_gpu_temperature_celsius", first)).isEqualTo(41);
                assertThat(scraped.find("gantry_agent_gpu_healthy", Map.of("node", "gpu-7"))).hasSize(2);
                assertThat(scraped.names()).contains("jvm_memory_bytes_used");
                HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/x")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(elsewhere.statusCode()).isEqualTo(404);
                assertThat(elsewhere.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
    }

    static String scrape() throws Exception {
        HttpResponse<String> response = get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double sum(Exposition metrics, String name, Map<String, String> labels) {
        return metrics.find(name, labels).stream().mapToDouble(Exposition.Sample::value).sum();
    }

    private static String submit(String job) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(control.url() + "/api/v1/jobs"))
                .header("Authorization", "Bearer " + control.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(job)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String body = response.body();
        int at = body.indexOf("\"id\":\"") + 6;
        return body.substring(at, body.indexOf('"', at));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(control.url() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Check {
        boolean done() throws Exception;
    }

    static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
