package org.gantry.ops.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client submitting jobs with one token at a fixed pace (open loop) for a while, on a thread
 * of its own: each latency is counted from when the submit was due, so a slow server cannot hide
 * its queueing by slowing the client down. At most {@link #CONNECTIONS} submits are in flight, as
 * with a client's connection pool; the JDK client would otherwise open a connection for each one
 * while the server is slow, costing both sides far more than the requests (and, past the
 * server's accept queue, going unanswered). A submit due while all are busy waits for one, its
 * wait counted in its latency.
 */
final class PacedSubmits {
    /** Submits in flight at most, so connections open at most, per client. */
    static final int CONNECTIONS = 32;

    private final HttpClient http;
    private final HttpRequest request;
    private final double rate;
    private final Semaphore connections = new Semaphore(CONNECTIONS);
    /** When each submit that waits for a connection was due. */
    private final Queue<Long> waiting = new ConcurrentLinkedQueue<>();
    private final Latencies latencies = new Latencies();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger tooManyWithoutRetryAfter = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private CountDownLatch outstanding;
    private Thread pacer;

    PacedSubmits(HttpClient http, URI base, String token, String body, double rate) {
        this.http = http;
        // One request, sent again and again: it is immutable, and building it is a cost of the bench's.
        this.request = HttpRequest.newBuilder(base.resolve("/api/v1/jobs")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        this.rate = rate;
    }

    /** Starts submitting; {@link #finish} waits until it has for {@code length}, and every answer came. */
    PacedSubmits start(Duration length) {
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long count = Math.max(1, (long) (length.toNanos() / (double) interval));
        outstanding = new CountDownLatch((int) count);
        pacer = new Thread(() -> {
            for (long i = 0; i < count; i++) {
                long due = start + i * interval;
                long sleep = due - System.nanoTime();
                if (sleep > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                waiting.add(due);
                sendWhileConnectionsFree();
            }
        }, "paced-submits");
        pacer.start();
        return this;
    }

    void finish() throws InterruptedException {
        pacer.join();
        outstanding.await();
    }

    /** Called after a submit is due and after one is answered: whoever finds a free connection sends. */
    private void sendWhileConnectionsFree() {
        while (!waiting.isEmpty() && connections.tryAcquire()) {
            Long due = waiting.poll();
            if (due == null) { // another thread took it: it sends it
                connections.release();
                continue;
            }
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                answered(response, failure, due);
                connections.release();
                sendWhileConnectionsFree();
            });
        }
    }

    private void answered(HttpResponse<Void> response, Throwable failure, long dueNanos) {
        latencies.add((System.nanoTime() - dueNanos) / 1000);
        if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            firstFailure.compareAndSet(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        int status = response == null ? -1 : response.statusCode();
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status == 429 && response.headers().firstValue("Retry-After").isEmpty()) {
            tooManyWithoutRetryAfter.incrementAndGet();
        }
        outstanding.countDown();
    }

    LatencySummary latency() {
        return latencies.summary();
    }

    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    /** Why the first submit that got no answer (status -1) failed, or null when every one was answered. */
    String firstFailure() {
        return firstFailure.get();
    }

    int tooManyWithoutRetryAfter() {
        return tooManyWithoutRetryAfter.get();
    }

    /** Several streams' latencies as one distribution. */
    static LatencySummary merged(List<PacedSubmits> streams) {
        Latencies all = new Latencies();
        streams.forEach(stream -> stream.latencies.addAllTo(all));
        return all.summary();
    }

    static Map<Integer, Integer> mergedStatuses(List<PacedSubmits> streams) {
        Map<Integer, Integer> counts = new TreeMap<>();
        streams.forEach(stream -> stream.statuses().forEach((status, count) -> counts.merge(status, count, Integer::sum)));
        return counts;
    }
}
