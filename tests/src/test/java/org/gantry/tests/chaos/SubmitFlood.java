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
    private static final int MAX_IN_FLIGHT = 128;
    private static final long RESEND_MILLIS = 300;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-flood");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Api tenant;
    private final String tenantName;
    private final double perSecond;
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Integer> answers = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger resent = new AtomicInteger();
    private long startedNanos;
    private long stoppedNanos;
    private volatile boolean stopped;
    private int sent;

    SubmitFlood(Api tenant, String tenantName, double perSecond) {
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
            send(body, UUID.randomUUID().toString());
        }
    }

    private void send(String body, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tenant.baseUrl() + "/api/v1/jobs"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + tenant.token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            int status = failure == null ? response.statusCode() : -1;
            if (status == -1 || status == 429 || status == 503) {
                resent.incrementAndGet();
                clock.schedule(() -> send(body, key), RESEND_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            answers.merge(status, 1, Integer::sum);
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
            return accepted.stream().map(id -> new ChaosLoad.Accepted(id, tenantName, false)).toList();
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

    /** Jobs accepted per second, from the first submit to the last answer, control-plane deaths included. */
    double acceptedPerSecond() {
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        return accepted.size() / ((end - startedNanos) / 1e9);
    }

    double offeredPerSecond() {
        return perSecond;
    }

    /** Stops new submits and waits (up to two minutes) until every one sent has its answer. */
    @Override
    public void close() {
        stopped = true;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (unanswered.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stoppedNanos = System.nanoTime();
        if (unanswered.get() > 0) {
            problems.add(unanswered.get() + " flood submits still had no answer two minutes after the flood stopped");
        }
        clock.shutdownNow();
    }
}
