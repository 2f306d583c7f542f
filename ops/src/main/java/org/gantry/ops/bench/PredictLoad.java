package org.gantry.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;

/**
 * Asks a served model for predictions over real HTTP, as its clients would, for a fixed time:
 * predictions answered per second and the latency of each request, with every status counted
 * (a 200 is a prediction; anything else is reported, never hidden in the rate).
 *
 * @param rows the JSON body of each request, {@code {"rows": [...]}}
 */
public final class PredictLoad {

    public record Options(URI url, String token, String model, String tenant, int clients, Duration duration,
                          String rows, int rowsPerRequest) {}

    /** What the run measured; {@code predictionsPerSecond} counts rows answered with a 200. */
    public record Report(String model, int clients, double seconds, int requests, Map<Integer, Integer> statuses,
                         double requestsPerSecond, double predictionsPerSecond, LatencySummary latency) {}

    private final Options options;
    private final HttpClient http;
    private final Latencies latencies = new Latencies();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    public PredictLoad(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(Math.max(2, Math.min(options.clients(), 8)))).build();
    }

    public Report run(DoubleConsumer progress) throws InterruptedException {
        URI predict = options.url().resolve("/api/v1/models/" + options.model() + "/predict"
                + (options.tenant() == null ? "" : "?tenant=" + options.tenant()));
        HttpRequest request = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + options.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(options.rows())).build();
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < options.clients(); c++) {
            Thread client = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        return;
                    }
                    latencies.add((System.nanoTime() - sent) / 1000);
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
            }, "predict-client-" + c);
            client.start();
            clients.add(client);
        }
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            progress.accept(Math.min(1, (System.nanoTime() - start) / (double) options.duration().toNanos()));
        }
        for (Thread client : clients) {
            client.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        int requests = counts.values().stream().mapToInt(Integer::intValue).sum();
        int ok = counts.getOrDefault(200, 0);
        return new Report(options.model(), options.clients(), seconds, requests, counts, requests / seconds,
                (double) ok * options.rowsPerRequest() / seconds, latencies.summary());
    }
}
