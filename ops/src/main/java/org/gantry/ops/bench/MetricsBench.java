package org.gantry.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gantry.ops.bench.history.HistoryGenerator;

/**
 * Starts {@code gantry up} (its own JVM) with many simulated nodes on a data directory that holds
 * a job history, waits until every node is registered and the scheduler's figures show them,
 * then times sequential {@code GET /metrics} scrapes as Prometheus would make them, and counts
 * what one scrape carries.
 */
public final class MetricsBench {
    private static final int WARM_UP_SCRAPES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final int nodes;
    private final int gpusPerNode;
    private final int scrapes;
    private final List<String> jvmOptions;
    private final Duration timeout;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public MetricsBench(Path dataDir, int nodes, int gpusPerNode, int port, int scrapes, List<String> jvmOptions,
                        Duration timeout) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 1 and 65535 (the bench must know it), got " + port);
        }
        if (scrapes < 1) {
            throw new IllegalArgumentException("--scrapes must be >= 1, got " + scrapes);
        }
        this.dataDir = dataDir;
        this.nodes = nodes;
        this.gpusPerNode = gpusPerNode;
        this.scrapes = scrapes;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.timeout = timeout;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    public MetricsReport run(Consumer<String> status) throws Exception {
        Path historyReport = dataDir.resolve(HistoryGenerator.REPORT_FILE);
        JsonNode history = Files.exists(historyReport) ? JSON.readTree(historyReport.toFile()) : JSON.createObjectNode();
        Path log = dataDir.resolve("bench-metrics.log");
        status.accept("starting gantry up with " + nodes + " nodes on " + dataDir + " (log: " + log + ")");
        long start = System.nanoTime();
        try (UpProcess up = UpProcess.start(dataDir, nodes, gpusPerNode, base.getPort(), jvmOptions, log)) {
            String text;
            while (true) { // every node registered and counted in the scheduler's figures
                text = scrape();
                if (text != null && count(text, "gantry_node_status{") >= nodes) {
                    break;
                }
                if (!up.isAlive()) {
                    throw new IllegalStateException("gantry up exited; see " + log);
                }
                if (System.nanoTime() - start > timeout.toNanos()) {
                    throw new IllegalStateException("not every node showed in /metrics within " + timeout
                            + "; see " + log);
                }
                Thread.sleep(500);
            }
            status.accept(String.format("%d nodes registered after %.1f s; waiting for the live jobs to settle", nodes,
                    (System.nanoTime() - start) / 1e9));
            // The history's queued jobs start now: time the scrapes once the live-job figures hold still
            // (three seconds alike), so they measure the scrape, not the burst of starts beside it.
            String previous = null;
            int alike = 0;
            while (alike < 3 && System.nanoTime() - start < timeout.toNanos()) {
                Thread.sleep(1000);
                String now = scrape();
                String figures = now == null ? null : sum(now, "gantry_jobs{") + "/" + sum(now, "gantry_queue_jobs{");
                alike = figures != null && figures.equals(previous) ? alike + 1 : 0;
                previous = figures;
            }
            status.accept(String.format("settled after %.1f s (%s live/waiting); timing %d scrapes",
                    (System.nanoTime() - start) / 1e9, previous, scrapes));
            for (int i = 0; i < WARM_UP_SCRAPES; i++) {
                scrape();
            }
            String before = scrape();
            Latencies latencies = new Latencies();
            String last = null;
            for (int i = 0; i < scrapes; i++) {
                long sent = System.nanoTime();
                last = scrape();
                latencies.add((System.nanoTime() - sent) / 1_000);
                if (last == null) {
                    throw new IllegalStateException("GET /metrics failed; see " + log);
                }
            }
            // The server's own time per scrape over the timed ones (its histogram, read before and after).
            String own = "gantry_metrics_scrape_seconds";
            double renderSeconds = sum(last, own + "_sum") - sum(before, own + "_sum");
            double rendered = sum(last, own + "_count") - sum(before, own + "_count");
            Map<String, Integer> families = new HashMap<>();
            int series = 0;
            for (String line : last.split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    series++;
                    int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
                    families.merge(line.substring(0, end), 1, Integer::sum);
                }
            }
            Map<String, Integer> largest = new LinkedHashMap<>();
            families.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                    .forEach(family -> largest.put(family.getKey(), family.getValue()));
            return new MetricsReport(history.path("finished").asLong(-1), count(last, "gantry_node_status{"),
                    (long) sum(last, "gantry_jobs{"), (long) sum(last, "gantry_queue_jobs{"), latencies.summary(),
                    rendered == 0 ? 0 : renderSeconds / rendered * 1000,
                    last.getBytes(StandardCharsets.UTF_8).length, series, largest);
        }
    }

    /** The body of {@code GET /metrics}, or null when it did not answer 200 (not up yet). */
    private String scrape() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException notYet) {
            return null;
        }
    }

    private static int count(String text, String prefix) {
        int count = 0;
        for (String line : text.split("\n")) {
            count += line.startsWith(prefix) ? 1 : 0;
        }
        return count;
    }

    private static double sum(String text, String prefix) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
