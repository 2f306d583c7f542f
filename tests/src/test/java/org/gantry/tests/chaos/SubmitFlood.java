package org.gantry.tests.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gantry.tests.support.Api;

/**
 * Submits at a high steady rate through many connections at once (scenario 1's 500 jobs/s), as
 * one tenant, short simulated jobs. Like {@link ChaosLoad} it sends each submit again, with its
 * Idempotency-Key, until it is answered, through control-plane deaths and 429/503, and when
 * closed it keeps doing so until every submit has its answer: each job the cluster accepted is
 * known here by its id. Its rate is the offered one; {@link #acceptedPerSecond()} says what was
 * taken in.
 */
final class SubmitFlood implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    /** The connections a flood keeps busy unless told otherwise. */
    static final int IN_FLIGHT = 128;
    private static final long RESEND_MILLIS = 300;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-flood");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore inFlight;
    private final Api tenant;
    private final String tenantName;
    private final double perSecond;
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Integer> answers = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger resent = new AtomicInteger();
    private final Map<Integer, Integer> refusals = Collections.synchronizedMap(new TreeMap<>());
    private final AtomicInteger refusedWithoutRetryAfter = new AtomicInteger();
    /** Each request's own time to its answer (a 503 included), in milliseconds. */
    private final List<Long> requestMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    /** From a submit's first sending to its final answer, resends included, in milliseconds. */
    private final List<Long> answerMillis = Collections.synchronizedList(new ArrayList<>());
    private long startedNanos;
    private volatile long stoppedNanos;
    private volatile int acceptedWhileFlooding;
    private volatile boolean stopped;
    private int sent;

    SubmitFlood(Api tenant, String tenantName, double perSecond) {
        this(tenant, tenantName, perSecond, IN_FLIGHT);
    }

    /** With at most {@code maxInFlight} submits sent and not yet answered. */
    SubmitFlood(Api tenant, String tenantName, double perSecond, int maxInFlight) {
        this.inFlight = new Semaphore(maxInFlight);
        this.tenant = tenant;
        this.tenantName = tenantName;
        this.perSecond = perSecond;
    }

    SubmitFlood start() {
        startedNanos = System.nanoTime();
        clock.scheduleAtFixedRate(this::sendDue, 0, 10, TimeUnit.MILLISECONDS);
        return this;
    }

    /** New submits as the offered rate asks, as far as the connections in flight allow (a slow server slows it). */
    private void sendDue() {
        long due = (long) ((System.nanoTime() - startedNanos) / 1e9 * perSecond);
        while (!stopped && sent < due && inFlight.tryAcquire()) {
            String body = "{\"name\":\"flood-" + sent + "\",\"gpus\":1,\"workload\":{\"kind\":\"simulated\","
                    + "\"seconds\":1}}";
            sent++;
            unanswered.incrementAndGet();
            send(body, UUID.randomUUID().toString(), System.nanoTime());
        }
    }

    private void send(String body, String key, long firstSent) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tenant.baseUrl() + "/api/v1/jobs"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + tenant.token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sentNanos = System.nanoTime();
        requests.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            int status = failure == null ? response.statusCode() : -1;
            if (failure == null) {
                requestMillis.add((System.nanoTime() - sentNanos) / 1_000_000);
            }
            if (status == 429 || status == 503) {
                refusals.merge(status, 1, Integer::sum);
                if (response.headers().firstValue("Retry-After").isEmpty()) {
                    refusedWithoutRetryAfter.incrementAndGet();
                }
            }
            if (status == -1 || status == 429 || status == 503) {
                resent.incrementAndGet();
                // As a well-behaved client does: no sooner than Retry-After says.
                long wait = status == -1 ? RESEND_MILLIS : Math.max(RESEND_MILLIS, 1000 * response.headers()
                        .firstValue("Retry-After").map(Long::parseLong).orElse(0L));
                clock.schedule(() -> send(body, key, firstSent), wait, TimeUnit.MILLISECONDS);
                return;
            }
            answers.merge(status, 1, Integer::sum);
            answerMillis.add((System.nanoTime() - firstSent) / 1_000_000);
            Matcher id = ID.matcher(response.body());
            if ((status == 201 || status == 200) && id.find()) {
                accepted.add(id.group(1));
            } else {
                problems.add("a valid flood submit got " + status + ": " + response.body());
            }
            inFlight.release();
            unanswered.decrementAndGet();
        });
    }

    /** The jobs accepted, as the checks take them. */
    List<ChaosLoad.Accepted> accepted() {
        synchronized (accepted) {
            return accepted.stream().map(id -> new ChaosLoad.Accepted(id, tenantName, ChaosLoad.Workload.SIMULATED)).toList();
        }
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    Map<Integer, Integer> answers() {
        synchronized (answers) {
            return Map.copyOf(answers);
        }
    }

    int resent() {
        return resent.get();
    }

    /** The 429 and 503 answers, by status (each one sent again later). */
    Map<Integer, Integer> refusals() {
        synchronized (refusals) {
            return Map.copyOf(refusals);
        }
    }

    /** 429s and 503s that did not say when to try again. */
    int refusedWithoutRetryAfter() {
        return refusedWithoutRetryAfter.get();
    }

    /** The {@code percent}th percentile of the time to a submit's final answer, resends included, in ms. */
    long answerMillis(double percent) {
        return percentile(answerMillis, percent);
    }

    /** The {@code percent}th percentile of one request's time to its answer (a refusal's too), in ms. */
    long requestMillis(double percent) {
        return percentile(requestMillis, percent);
    }

    /** Requests sent per second while it flooded, resends included: what the server was offered. */
    double requestsPerSecond() {
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        return requests.get() / ((end - startedNanos) / 1e9);
    }

    private static long percentile(List<Long> values, double percent) {
        List<Long> sorted;
        synchronized (values) {
            sorted = values.stream().sorted().toList();
        }
        return sorted.isEmpty() ? 0 : Percentile.of(sorted, percent);
    }

    /** How many were accepted so far. */
    int acceptedCount() {
        return accepted.size();
    }

    /** Jobs accepted per second while it flooded (until closed), control-plane deaths included. */
    double acceptedPerSecond() {
        return stoppedNanos == 0 ? accepted.size() / ((System.nanoTime() - startedNanos) / 1e9)
                : acceptedWhileFlooding / ((stoppedNanos - startedNanos) / 1e9);
    }

    double offeredPerSecond() {
        return perSecond;
    }

    /** Stops new submits and waits (up to two minutes) until every one sent has its answer. Once. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        acceptedWhileFlooding = accepted.size();
        stoppedNanos = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (unanswered.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (unanswered.get() > 0) {
            problems.add(unanswered.get() + " flood submits still had no answer two minutes after the flood stopped");
        }
        clock.shutdownNow();
    }
}
