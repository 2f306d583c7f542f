package org.gantry.ops.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 generated hostile requests (fixed seed) against a real control plane over loopback HTTP:
 * bad and deeply nested JSON, wrong types, huge numbers and strings, unicode and NULs, oversize
 * bodies and headers, path traversal in names and ids, every method on every route, good, bad
 * and missing tokens. None may be answered 5xx or hang, and normal traffic is served afterwards.
 */
class HostileRequestsTest {
    private static final long SEED = 20_261_206L;
    private static final int REQUESTS = 10_000;
    private static final Duration HANG = Duration.ofSeconds(20);

    private static final List<String> ROUTES = List.of("/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/logs",
            "/api/v1/jobs/{id}/events", "/api/v1/jobs/{id}/explain", "/api/v1/queue", "/api/v1/tenants",
            "/api/v1/tenants/{id}/quota", "/api/v1/tenants/{id}/usage", "/api/v1/nodes", "/api/v1/nodes/{id}/cordon",
            "/api/v1/nodes/{id}/drain", "/api/v1/pools", "/api/v1/pools/{id}/demand", "/api/v1/models",
            "/api/v1/models/{id}", "/api/v1/models/{id}/predict", "/api/v1/models/{id}/versions", "/api/v1/datasets",
            "/api/v1/datasets/{id}", "/healthz", "/readyz", "/metrics", "/api/v1/openapi.yaml", "/api/docs",
            "/api/v1/../../etc/passwd", "/", "/api/v2/jobs");
    private static final List<String> IDS = List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", "j-" + "f".repeat(300),
            "%C3%BC%F0%9F%99%82", "%00", "a".repeat(5000), "-1", "99999999999999999999999", "%ff%fe", "default",
            "node-1", "k-0123456789abcdef0123456789abcdef", "%20", "A_B.C", "%0d%0aX-Injected:%20yes");
    private static final List<String> QUERIES = List.of("", "?limit=-1", "?limit=99999999999999999999",
            "?state=BOGUS", "?cursor=%25%25%25", "?from=garbage&to=1e400&step=0s", "?attempt=NaN", "?dryRun=maybe",
            "?nodes=-5&gpusPerNode=1e9", "?tenant=../x", "?stream=nope", "?limit=1&limit=2", "?%00=%00");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final List<String> TYPES = List.of("application/json", "text/csv", "text/plain",
            "application/json; charset=latin1", "application/x-www-form-urlencoded", "");

    @TempDir
    Path dir;

    @Test
    void hostileRequestsGetNo5xxAndNoHangAndNormalTrafficIsServedAfter() throws Exception {
        Path data = dir.resolve("data");
        ActorSystem<Void> system = GantryNode.start(new NodeOptions(Set.of("control", "gpu-node"), "127.0.0.1", 0,
                List.of(), data));
        try {
            ControlNode control = ControlNode.start(system, data, "127.0.0.1", 0);
            SimulatedFleet.start(system, dir.resolve("nodes"), 1, 4);
            assertThat(control.awaitReady(Duration.ofSeconds(60))).isTrue();
            control.ensureTenant("default", 4);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Random random = new Random(SEED);
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                HttpRequest request = hostile(random, control);
                try {
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.statusCode() >= 500) {
                        failures.add(response.statusCode() + " " + describe(request));
                    }
                } catch (java.net.http.HttpTimeoutException hang) {
                    failures.add("no answer within " + HANG.toSeconds() + " s: " + describe(request));
                } catch (java.io.IOException refused) {
                    // The server may close a connection on a request it will not read (an oversize header): not a 5xx.
                    statuses.merge(-1, 1, Integer::sum);
                }
            }
            assertThat(failures).as("5xx answers and hangs among %d requests (statuses %s)", REQUESTS, statuses)
                    .isEmpty();
            assertThat(statuses.keySet()).as("the requests reached the routes").contains(400, 401, 404);

            String job = "{\"name\":\"after\",\"tenant\":\"default\",\"gpus\":1,"
                    + "\"workload\":{\"kind\":\"simulated\",\"seconds\":1}}";
            HttpResponse<String> submitted = client.send(base(control, "/api/v1/jobs").header("Authorization",
                    "Bearer " + control.adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(job)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
            HttpResponse<String> listed = client.send(base(control, "/api/v1/jobs").header("Authorization",
                    "Bearer " + control.adminToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("\"after\"");
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private static HttpRequest hostile(Random random, ControlNode control) {
        String route = pick(random, ROUTES).replace("{id}", pick(random, IDS));
        HttpRequest.Builder request = base(control, route + pick(random, QUERIES));
        switch (random.nextInt(5)) {
            case 0 -> { } // no token
            case 1 -> request.header("Authorization", "Bearer garbage-" + random.nextInt());
            case 2 -> request.header("Authorization", "Bearer " + "x".repeat(random.nextInt(20_000)));
            case 3 -> request.header("Authorization", "Basic " + control.adminToken());
            default -> request.header("Authorization", "Bearer " + control.adminToken());
        }
        String type = pick(random, TYPES);
        if (!type.isEmpty()) {
            request.header("Content-Type", type);
        }
        if (random.nextInt(20) == 0) {
            request.header("X-Junk", "j".repeat(random.nextInt(40_000)));
        }
        String method = pick(random, METHODS);
        String body = method.equals("GET") || method.equals("DELETE") ? null : body(random);
        return request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest.Builder base(ControlNode control, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(control.url() + pathAndQuery)).timeout(HANG);
    }

    /** A body meant to break a reader: each kind a known way JSON (or CSV) goes wrong, and some near misses. */
    private static String body(Random random) {
        int depth = 1 + random.nextInt(5_000);
        String big = "b".repeat(random.nextInt(300_000));
        return switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "[]";
            case 3 -> "null";
            case 4 -> "[".repeat(depth) + "]".repeat(depth);
            case 5 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            case 6 -> "{\"name\":\"x\",\"gpus\":1e400,\"workload\":{\"kind\":\"process\",\"command\":[\"true\"]}}";
            case 7 -> "{\"name\":5,\"gpus\":\"many\",\"workload\":[],\"priority\":-99999999999999999999999}";
            case 8 -> "{\"name\":\"" + big + "\",\"gpus\":1,\"workload\":{\"kind\":\"simulated\",\"seconds\":1}}";
            case 9 -> "{\"name\":\"x\\u0000\\ud800\",\"tenant\":\"../../etc\",\"gpus\":{\"min\":9,\"max\":1},"
                    + "\"workload\":{\"kind\":\"process\",\"command\":[\"true\"],\"env\":{\"A=B\":\"\\u0000\"}}}";
            case 10 -> "{\"name\":\"ok\",\"tenant\":\"default\",\"gpus\":1,\"workload\":{\"kind\":\"process\","
                    + "\"command\":[\"true\"],\"secretEnv\":{\"K\":\"" + big + "\"}}}";
            case 11 -> "x".repeat(1_100_000 + random.nextInt(1000)); // over the 1 MiB body limit
            case 12 -> "a,b\n1,2\n3\n\"unterminated\n\u0000,\uFFFF\n";
            case 13 -> "{\"name\":\"t" + random.nextInt(1000) + "\",\"quotas\":{\"default\":{\"guaranteed\":-1,"
                    + "\"limit\":1e309}}}";
            case 14 -> "{\"rows\":[{\"x\":\"NaN\"}," + "{}".repeat(random.nextInt(10_000)) + "]}";
            default -> "\uD83D\uDE00\u202E\u0007 {\"gpus\":[1,2,3]} \uFEFF";
        };
    }

    private static String describe(HttpRequest request) {
        String uri = request.uri().toString();
        return request.method() + " " + (uri.length() > 200 ? uri.substring(0, 200) + "…" : uri);
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
