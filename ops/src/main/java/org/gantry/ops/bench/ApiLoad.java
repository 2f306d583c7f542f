package org.gantry.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;

/**
 * Submits jobs to a running Gantry over real HTTP and measures what a client sees: durable
 * submits per second, submit latency, and (waiting for the jobs) jobs finished per second,
 * submit→start and how busy the GPUs were while work waited.
 */
public final class ApiLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

    private final ApiLoadOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
    private final Latencies latencies = new Latencies();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();
    /** The first refusal's status and problem detail: what to tell the user when nothing was accepted. */
    private final java.util.concurrent.atomic.AtomicReference<String> firstRefusal =
            new java.util.concurrent.atomic.AtomicReference<>();

    public ApiLoad(ApiLoadOptions options) {
        this.options = options;
    }

    public ApiLoadReport run(DoubleConsumer progress) throws InterruptedException {
        UtilizationSampler sampler = new UtilizationSampler();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        if (options.awaitJobs()) { // sampling is load too: only when utilization is asked for
            timer.scheduleAtFixedRate(sampler::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        Instant firstSubmit = Instant.now();
        long start = System.nanoTime();
        if (options.rate() > 0) {
            openLoop(progress);
        } else {
            closedLoop(progress);
        }
        double submitSeconds = (System.nanoTime() - start) / 1e9;
        ApiLoadReport.EndToEnd endToEnd = options.awaitJobs() && statuses.containsKey(201)
                ? waitForJobs(firstSubmit, sampler, progress) : null; // nothing accepted: nothing to wait for
        timer.shutdownNow();
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        int accepted = counts.getOrDefault(201, 0);
        return new ApiLoadReport(options.rate() > 0 ? "open" : "closed", options.clients(), options.rate(),
                accepted, counts, submitSeconds, accepted / submitSeconds, latencies.summary(), endToEnd);
    }

    /**
     * Each client thread sends on its own kept-alive connection ({@link KeepAliveConnection}): the
     * JDK client's futures and thread hops cost about 0.6 ms of CPU a request on the server's own
     * cores, and capped the figure below what a server that did nothing could reach.
     */
    private void closedLoop(DoubleConsumer progress) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        byte[] request = KeepAliveConnection.post(options.url(), "/api/v1/jobs", options.token(), options.jobBody());
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < options.clients(); c++) {
            Thread client = new Thread(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(options.url(), request)) {
                    while (next.getAndIncrement() < options.jobs()) {
                        long due = System.nanoTime();
                        try {
                            KeepAliveConnection.Answer answer = connection.send();
                            if (answer.refusal() != null) {
                                refused(answer.status(), answer.refusal());
                            }
                            answered(answer.status(), due, progress);
                        } catch (IOException e) {
                            answered(-1, due, progress);
                        }
                    }
                }
            }, "load-client-" + c);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
    }

    private void openLoop(DoubleConsumer progress) throws InterruptedException {
        CountDownLatch all = new CountDownLatch(options.jobs());
        long interval = (long) (1e9 / options.rate());
        long start = System.nanoTime();
        for (int i = 0; i < options.jobs(); i++) {
            long due = start + i * interval;
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            http.sendAsync(submit(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                if (response != null && response.statusCode() >= 400) {
                    refused(response.statusCode(), response.body());
                }
                answered(failure == null ? response.statusCode() : -1, due, progress);
                all.countDown();
            });
        }
        all.await();
    }

    /** The first refused submit's status and problem, or null when none was refused. */
    public String firstRefusal() {
        return firstRefusal.get();
    }

    private void refused(int status, String body) {
        if (firstRefusal.get() == null) {
            String detail;
            try {
                JsonNode problem = JSON.readTree(body);
                detail = problem.path("detail").asText(body);
                for (JsonNode error : problem.path("errors")) {
                    detail += "; " + error.path("path").asText() + ": " + error.path("message").asText();
                }
            } catch (IOException | RuntimeException notJson) {
                detail = body;
            }
            firstRefusal.compareAndSet(null, status + ": " + detail);
        }
    }

    private void answered(int status, long dueNanos, DoubleConsumer progress) {
        latencies.add((System.nanoTime() - dueNanos) / 1000);
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        int count = done.incrementAndGet();
        if (count % Math.max(1, options.jobs() / 100) == 0) {
            progress.accept((options.awaitJobs() ? 0.5 : 1.0) * count / options.jobs());
        }
    }

    private HttpRequest submit() {
        return request("/api/v1/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(options.jobBody())).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(options.url().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + options.token());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Polls the job list until no job of the run is left unfinished, then reads their records. */
    private ApiLoadReport.EndToEnd waitForJobs(Instant firstSubmit, UtilizationSampler sampler,
                                               DoubleConsumer progress) throws InterruptedException {
        long deadline = System.nanoTime() + options.waitTimeout().toNanos();
        int submitted = statuses.getOrDefault(201, new AtomicInteger()).get();
        List<JsonNode> finished = List.of();
        while (System.nanoTime() < deadline) {
            try {
                finished = jobsSince(firstSubmit);
            } catch (IOException e) {
                finished = List.of();
            }
            long ended = finished.stream().filter(ApiLoad::isFinal).count();
            progress.accept(0.5 + 0.5 * ended / Math.max(1, submitted));
            if (ended >= submitted) {
                break;
            }
            Thread.sleep(500);
        }
        Latencies waits = new Latencies();
        Latencies toScheduled = new Latencies();
        Latencies toStarted = new Latencies();
        Latencies toFinished = new Latencies();
        int succeeded = 0;
        int failed = 0;
        int cancelled = 0;
        Instant lastEnd = firstSubmit;
        for (JsonNode job : finished) {
            switch (job.path("state").asText()) {
                case "SUCCEEDED" -> succeeded++;
                case "FAILED" -> failed++;
                case "CANCELLED" -> cancelled++;
                default -> { }
            }
            between(job, "submittedAt", "startedAt", waits);
            between(job, "submittedAt", "scheduledAt", toScheduled);
            between(job, "scheduledAt", "startedAt", toStarted);
            between(job, "startedAt", "finishedAt", toFinished);
            if (job.hasNonNull("finishedAt")) {
                Instant end = Instant.parse(job.get("finishedAt").asText());
                lastEnd = end.isAfter(lastEnd) ? end : lastEnd;
            }
        }
        double seconds = Duration.between(firstSubmit, lastEnd).toNanos() / 1e9;
        return new ApiLoadReport.EndToEnd(succeeded, failed, cancelled, seconds,
                seconds <= 0 ? 0 : (succeeded + failed + cancelled) / seconds, waits.summary(),
                new ApiLoadReport.Stages(toScheduled.summary(), toStarted.summary(), toFinished.summary()), sampler.busyWhileWaiting(), sampler.busyOnceFilled(), sampler.samples());
    }

    /** Adds the time from the record's {@code from} to its {@code to}, where it has both. */
    private static void between(JsonNode job, String from, String to, Latencies into) {
        if (job.hasNonNull(from) && job.hasNonNull(to)) {
            into.add(Duration.between(Instant.parse(job.get(from).asText()), Instant.parse(job.get(to).asText()))
                    .toNanos() / 1000);
        }
    }

    private static boolean isFinal(JsonNode job) {
        String state = job.path("state").asText();
        return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED");
    }

    /** Every job submitted since {@code since}, paging through {@code GET /jobs} (newest first). */
    private List<JsonNode> jobsSince(Instant since) throws IOException, InterruptedException {
        List<JsonNode> jobs = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/jobs?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode job : page.get("jobs")) {
                if (Instant.parse(job.get("submittedAt").asText()).isBefore(since)) {
                    return jobs;
                }
                jobs.add(job);
            }
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return jobs;
    }

    /** Samples {@code GET /pools}: the share of GPUs in use whenever jobs wait. Runs on one timer thread. */
    private final class UtilizationSampler {
        private double busySum;
        private int samples;
        /** From the first sample with every GPU busy on: the steady state, without the ramp-up. */
        private double filledSum;
        private int filledSamples;

        void sample() {
            try {
                int gpus = 0;
                int free = 0;
                int pending = 0;
                for (JsonNode pool : get("/api/v1/pools").get("pools")) {
                    gpus += pool.path("gpus").asInt();
                    free += pool.path("freeGpus").asInt();
                    pending += pool.path("pendingJobs").asInt();
                }
                if (pending > 0 && gpus > 0) {
                    record((double) (gpus - free) / gpus);
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                // a sample lost under load is just one fewer sample
            }
        }

        private synchronized void record(double busy) {
            busySum += busy;
            samples++;
            if (filledSamples > 0 || busy >= 1.0) {
                filledSum += busy;
                filledSamples++;
            }
        }

        synchronized double busyOnceFilled() {
            return filledSamples == 0 ? 0 : filledSum / filledSamples;
        }

        synchronized double busyWhileWaiting() {
            return samples == 0 ? 0 : busySum / samples;
        }

        synchronized int samples() {
            return samples;
        }
    }

    /** The URL to use: the option, else {@code GANTRY_URL}, else localhost:8080. */
    public static URI url(String option) {
        String url = option != null ? option : System.getenv().getOrDefault("GANTRY_URL", "http://127.0.0.1:8080");
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
}
