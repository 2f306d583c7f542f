package org.gantry.ops.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client submitting jobs with one token at a fixed pace (open loop) for a while: each latency
 * is counted from when the submit was due, so a slow server cannot hide its queueing by slowing
 * the client down. A pacer thread queues each submit when due; the tenant's keep-alive
 * {@link SubmitConnections}, each with a thread of its own, send them, as a client's connection
 * pool would. A submit due while all are busy waits for one, its wait counted in its latency. (A
 * connection per submit in flight, as the JDK client opens while the server is slow, costs both
 * sides more than the requests, and past the server's accept queue goes unanswered.)
 */
final class PacedSubmits {
    /** Tells a connection's thread that no more submits come. */
    private static final long END = Long.MIN_VALUE;

    private final SubmitConnections connections;
    private final double rate;
    /** When each submit not yet sent was due. */
    private final BlockingQueue<Long> due = new LinkedBlockingQueue<>();
    private final Latencies latencies = new Latencies();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger tooManyWithoutRetryAfter = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    PacedSubmits(SubmitConnections connections, double rate) {
        this.connections = connections;
        this.rate = rate;
    }

    /** Starts submitting; {@link #finish} waits until it has for {@code length}, and every answer came. */
    PacedSubmits start(Duration length) {
        for (int i = 0; i < connections.size(); i++) {
            threads.add(daemon(this::sendWhileDue, "paced-submits-connection"));
        }
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long count = Math.max(1, (long) (length.toNanos() / (double) interval));
        threads.add(daemon(() -> {
            try {
                for (long i = 0; i < count; i++) {
                    long dueAt = start + i * interval;
                    long sleep = dueAt - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                    due.add(dueAt);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                for (int i = 0; i < connections.size(); i++) {
                    due.add(END);
                }
            }
        }, "paced-submits"));
        return this;
    }

    void finish() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void sendWhileDue() {
        try {
            KeepAliveConnection connection = connections.take();
            try {
                for (long dueAt = due.take(); dueAt != END; dueAt = due.take()) {
                    send(connection, dueAt);
                }
            } finally {
                connections.giveBack(connection);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(KeepAliveConnection connection, long dueAt) {
        try {
            KeepAliveConnection.Answer answer = connection.send();
            answered(answer.status(), answer.retryAfter(), dueAt);
        } catch (IOException | RuntimeException e) {
            firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
            answered(-1, false, dueAt);
        }
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void answered(int status, boolean retryAfter, long dueNanos) {
        latencies.add((System.nanoTime() - dueNanos) / 1000);
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status == 429 && !retryAfter) {
            tooManyWithoutRetryAfter.incrementAndGet();
        }
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
