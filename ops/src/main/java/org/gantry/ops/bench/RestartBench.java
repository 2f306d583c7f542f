package org.gantry.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.gantry.api.job.JobState;
import org.gantry.ops.bench.history.HistoryGenerator;
import org.gantry.ops.node.SimulatedFleet;
import org.gantry.scheduler.control.service.AdminToken;

/**
 * Restarts {@code gantry up} on a data directory holding a job history and measures what the
 * history costs: time to ready, time until the scheduler places a job again, the live heap
 * then, {@code GET /jobs} latency (while the queue drains, then at rest: newest first and deep in
 * the history), and bytes on disk.
 */
public final class RestartBench {
    private static final List<String> PLACED_STATES = List.of("SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED");
    private static final Duration MIDDLE_OF_HISTORY = Duration.ofDays(45);
    private static final int WARM_UP_REQUESTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestartOptions options;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public RestartBench(RestartOptions options) {
        this.options = options;
        this.base = URI.create("http://127.0.0.1:" + options.port());
    }

    /** @param status told what it is doing, a line at a time */
    public RestartReport run(Consumer<String> status) throws Exception {
        Path dir = options.dataDir();
        Path historyReport = dir.resolve(HistoryGenerator.REPORT_FILE);
        JsonNode history = Files.exists(historyReport) ? JSON.readTree(historyReport.toFile()) : JSON.createObjectNode();
        long diskBytes = sizeOf(dir.resolve("rocksdb"));
        Instant launched = Instant.now();
        status.accept("starting gantry up on " + dir + " at " + launched + " (log: " + dir.resolve("bench-restart.log")
                + ")");
        long start = System.nanoTime();
        try (UpProcess up = UpProcess.start(dir, options.nodes(), options.gpusPerNode(), options.port(),
                options.jvmOptions(), dir.resolve("bench-restart.log"))) {
            awaitReady(up, start);
            double ready = (System.nanoTime() - start) / 1e9;
            status.accept(String.format("ready after %.1f s; waiting for a job to be placed", ready));
            String token = adminToken(dir);
            awaitPlacedSince(up, launched, token, start);
            double resumed = (System.nanoTime() - start) / 1e9;
            status.accept(String.format("scheduling resumed after %.1f s; measuring the live heap", resumed));
            long heap = LiveHeap.of(up.pid(), dir.resolve("bench-restart-histogram.txt"));
            String listing = "/api/v1/jobs?state=SUCCEEDED&limit=100";
            status.accept("timing GET /jobs while the queue drains, " + options.requests() + " requests");
            LatencySummary busy = time(listing, token);
            status.accept("cordoning every node and waiting for the running jobs to end");
            quiesce(up, token);
            status.accept("timing GET /jobs at rest, " + options.requests() + " requests per listing");
            LatencySummary newest = time(listing, token);
            long middle = launched.minus(MIDDLE_OF_HISTORY).toEpochMilli();
            LatencySummary deep = time(listing + "&cursor=" + middle + "~j-", token);
            return new RestartReport(history.path("finished").asLong(-1), history.path("pending").asLong(-1),
                    history.path("running").asLong(-1), diskBytes, ready, resumed, heap, busy, newest, deep);
        }
    }

    private void awaitReady(UpProcess up, long start) throws InterruptedException {
        while (get("/readyz", null).status() != 200) {
            checkOn(up, start, "answer /readyz with 200");
            Thread.sleep(20);
        }
    }

    /**
     * Waits until some job was placed after {@code launched}. Listings go newest submit first, and
     * the history's pending jobs are its newest: one placed heads the listing of its new state.
     */
    private void awaitPlacedSince(UpProcess up, Instant launched, String token, long start)
            throws InterruptedException, IOException {
        while (true) {
            for (String state : PLACED_STATES) {
                Answer page = get("/api/v1/jobs?limit=5&state=" + state, token);
                for (JsonNode job : JSON.readTree(page.body()).path("jobs")) {
                    String scheduledAt = job.path("scheduledAt").asText(null);
                    if (scheduledAt != null && !Instant.parse(scheduledAt).isBefore(launched)) {
                        return;
                    }
                }
            }
            checkOn(up, start, "place a job");
            Thread.sleep(50);
        }
    }

    /**
     * Stops placements (every node cordoned) and waits until no job holds GPUs: then no job event
     * is being written, and a listing never waits for the projector to catch up with one.
     */
    private void quiesce(UpProcess up, String token) throws InterruptedException, IOException {
        for (int i = 1; i <= options.nodes(); i++) {
            String node = SimulatedFleet.nodeName(i, options.nodes());
            ok(post("/api/v1/nodes/" + node + "/cordon", token), "POST /api/v1/nodes/" + node + "/cordon");
        }
        long start = System.nanoTime();
        while (anyHoldsGpus(token)) {
            checkOn(up, start, "let every running job end");
            Thread.sleep(200);
        }
    }

    private boolean anyHoldsGpus(String token) throws IOException {
        for (JobState state : JobState.values()) {
            if (state.holdsGpus()) {
                String path = "/api/v1/jobs?limit=1&state=" + state;
                Answer page = get(path, token);
                ok(page, path); // a refusal is not an empty listing
                if (JSON.readTree(page.body()).path("jobs").size() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private void checkOn(UpProcess up, long start, String what) {
        if (!up.isAlive()) {
            throw new IllegalStateException("gantry up exited before it could " + what + "; see bench-restart.log");
        }
        if (System.nanoTime() - start > options.timeout().toNanos()) {
            throw new IllegalStateException("gantry up did not " + what + " within " + options.timeout());
        }
    }

    private LatencySummary time(String path, String token) {
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            ok(get(path, token), path);
        }
        Latencies latencies = new Latencies();
        for (int i = 0; i < options.requests(); i++) {
            long sent = System.nanoTime();
            ok(get(path, token), path);
            latencies.add((System.nanoTime() - sent) / 1_000);
        }
        return latencies.summary();
    }

    private static void ok(Answer answer, String path) {
        if (answer.status() != 200) {
            throw new IllegalStateException(path + " answered " + answer.status() + ": " + answer.body());
        }
    }

    /** An HTTP answer; status 0 when nothing listens yet. */
    private record Answer(int status, String body) {}

    private Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    private Answer post(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    private Answer send(HttpRequest.Builder request, String token) {
        request.timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The token {@code gantry up} uses; its file exists once the node is ready. */
    private static String adminToken(Path dataDir) {
        return AdminToken.resolve(System.getenv(AdminToken.ENV), dataDir);
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
