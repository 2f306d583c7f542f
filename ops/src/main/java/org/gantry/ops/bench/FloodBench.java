package org.gantry.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Whether one tenant flooding the API hurts the others. Makes fresh tenants with tokens of their
 * own (on a running Gantry, or on a {@code gantry up} it starts in a JVM of its own), then times
 * the quiet tenants' submits at a steady pace: phase A alone, phase B while one tenant submits
 * far above its rate limit. Each tenant has its own keep-alive connections, as separate users
 * would, opened before the warm-up.
 */
public final class FloodBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jobs that never end in a bench's time and ask for one GPU: they only wait or run. */
    private static final String JOB = "{\"name\":\"flood-bench\",\"gpus\":1,"
            + "\"workload\":{\"kind\":\"simulated\",\"seconds\":3600}}";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Keep-alive connections per tenant at least, so submits in flight at most. */
    private static final int MIN_CONNECTIONS = 32;
    /** How long a submit may take before a tenant's connections, all busy, slow its pace. */
    private static final double SLOW_SUBMIT_SECONDS = 0.2;

    private final FloodOptions options;

    public FloodBench(FloodOptions options) {
        this.options = options;
    }

    public FloodReport run(Consumer<String> status) throws Exception {
        if (options.url() != null) {
            return measure(options.url(), options.adminToken(), null, status);
        }
        Path dataDir = Files.createTempDirectory("gantry-bench-flood");
        Path log = dataDir.resolve("bench-flood.log");
        int port = freePort();
        status.accept("starting gantry up (1 node, 8 GPUs) on port " + port + ", data in " + dataDir
                + " (log: " + log + ")");
        try (UpProcess up = UpProcess.start(dataDir.resolve("data"), 1, 8, port, List.of(), log)) {
            URI url = URI.create("http://127.0.0.1:" + port);
            awaitReady(url, up, log);
            String admin = Files.readString(dataDir.resolve("data").resolve("admin.token")).strip();
            return measure(url, admin, ProcessHandle.of(up.pid()).orElse(null), status);
        }
    }

    /** {@code server} is the server's process, to read its CPU time; null when unknown. */
    private FloodReport measure(URI url, String adminToken, ProcessHandle server, Consumer<String> status)
            throws Exception {
        String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        List<String> quietTokens = new ArrayList<>();
        for (int i = 1; i <= options.quietTenants(); i++) {
            quietTokens.add(createTenant(url, adminToken, "quiet-" + run + "-" + i));
        }
        String floodToken = createTenant(url, adminToken, "flood-" + run);
        status.accept(String.format("tenants quiet-%s-1..%d and flood-%s made; warming up for %d s", run,
                options.quietTenants(), run, options.warmUp().toSeconds()));
        List<SubmitConnections> quietClients = new ArrayList<>();
        try (SubmitConnections floodClient = connections(url, floodToken, options.floodRate())) {
            for (String token : quietTokens) {
                quietClients.add(connections(url, token, options.quietRate()));
            }
            return measure(server, status, quietClients, floodClient);
        } finally {
            quietClients.forEach(SubmitConnections::close);
        }
    }

    private FloodReport measure(ProcessHandle server, Consumer<String> status, List<SubmitConnections> quietClients,
                                SubmitConnections floodClient)
            throws InterruptedException {
        if (!options.warmUp().isZero()) {
            finish(quiet(quietClients, options.warmUp()));
        }
        status.accept(String.format("phase A: %d quiet tenants at %.0f/s each for %d s", options.quietTenants(),
                options.quietRate(), options.phase().toSeconds()));
        PhaseCpu before = PhaseCpu.now(server);
        List<PacedSubmits> alone = finish(quiet(quietClients, options.phase()));
        PhaseCpu cpuAlone = PhaseCpu.now(server).since(before);
        LatencySummary atLimit = null;
        PhaseCpu cpuAtLimit = null;
        int acceptedAtLimit = 0;
        if (options.limitRate() > 0) { // the flood's accepted share alone: the same token, just within its limit
            status.accept(String.format("phase A+: the same, the flooding tenant at its limit, %.0f/s",
                    options.limitRate()));
            before = PhaseCpu.now(server);
            Beside aPlus = beside(floodClient, options.limitRate(), quietClients);
            cpuAtLimit = PhaseCpu.now(server).since(before);
            atLimit = PacedSubmits.merged(aPlus.quiet());
            acceptedAtLimit = aPlus.other().statuses().getOrDefault(201, 0);
        }
        status.accept(String.format("phase B: the same, the flooding tenant at %.0f/s", options.floodRate()));
        before = PhaseCpu.now(server);
        Beside b = beside(floodClient, options.floodRate(), quietClients);
        PhaseCpu cpuFlood = PhaseCpu.now(server).since(before);
        status.accept("phase A2: the quiet tenants alone again, beside the longer queue the others left");
        LatencySummary after = PacedSubmits.merged(finish(quiet(quietClients, options.phase())));
        LatencySummary without = PacedSubmits.merged(alone);
        LatencySummary with = PacedSubmits.merged(b.quiet());
        PacedSubmits flood = b.other();
        var floodStatuses = flood.statuses();
        return new FloodReport(options.quietTenants(), options.quietRate(), options.floodRate(),
                options.phase().toNanos() / 1e9, without, PacedSubmits.mergedStatuses(alone), atLimit,
                options.limitRate(), with, PacedSubmits.mergedStatuses(b.quiet()), ratio(with, without),
                atLimit == null ? 0 : ratio(with, atLimit), after, ratio(with, after),
                new FloodReport.Flood(floodStatuses.values().stream().mapToInt(Integer::intValue).sum(),
                        floodStatuses, floodStatuses.getOrDefault(201, 0), floodStatuses.getOrDefault(429, 0),
                        flood.tooManyWithoutRetryAfter(), flood.latency(), flood.firstFailure()),
                FloodReport.Cpu.of(cpuAlone, cpuAtLimit, acceptedAtLimit, cpuFlood, floodStatuses.getOrDefault(201, 0),
                        floodStatuses.getOrDefault(429, 0)));
    }

    /** The quiet tenants' streams of one phase, and the other tenant's beside them. */
    private record Beside(List<PacedSubmits> quiet, PacedSubmits other) {}

    private Beside beside(SubmitConnections flooder, double rate, List<SubmitConnections> quietClients)
            throws InterruptedException {
        PacedSubmits other = new PacedSubmits(flooder, rate).start(options.phase());
        List<PacedSubmits> quiet = quiet(quietClients, options.phase());
        other.finish();
        return new Beside(finish(quiet), other);
    }

    private static double ratio(LatencySummary with, LatencySummary without) {
        return without.p99Ms() == 0 ? 0 : with.p99Ms() / without.p99Ms();
    }

    private List<PacedSubmits> quiet(List<SubmitConnections> clients, Duration length) {
        return clients.stream().map(client -> new PacedSubmits(client, options.quietRate()).start(length)).toList();
    }

    private static List<PacedSubmits> finish(List<PacedSubmits> streams) throws InterruptedException {
        for (PacedSubmits stream : streams) {
            stream.finish();
        }
        return streams;
    }

    /**
     * A tenant's connections, each open (opening them is not what a phase measures): enough to
     * keep up with {@code rate} while the server takes {@link #SLOW_SUBMIT_SECONDS} a submit.
     */
    private static SubmitConnections connections(URI url, String token, double rate) throws IOException {
        int count = (int) Math.max(MIN_CONNECTIONS, Math.ceil(rate * SLOW_SUBMIT_SECONDS));
        SubmitConnections connections = new SubmitConnections(url, token, JOB, count);
        connections.openAll();
        return connections;
    }

    /** Makes a tenant that may run one GPU's job and answers its token (shown only in this answer). */
    private static String createTenant(URI url, String adminToken, String name) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"quotas\":{\"default\":{\"guaranteed\":0,\"limit\":1}}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        url.resolve("/api/v1/tenants")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("could not make tenant " + name + " (the bench needs an admin token): "
                    + response.statusCode() + " " + response.body());
        }
        JsonNode created = JSON.readTree(response.body());
        return created.get("token").asText();
    }

    private static void awaitReady(URI url, UpProcess up, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!up.isAlive()) {
                throw new IllegalStateException("gantry up exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/readyz")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("gantry up was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
