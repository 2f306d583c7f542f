package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.JvmCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auth matrix over every route of {@code openapi.yaml}, against a real {@code gantry control}
 * JVM (its RocksDB, HTTP on loopback, a strong admin token in its environment): with no token, malformed ones, an expired one and a revoked
 * one every operation answers 401 with a problem that does not echo the token; another tenant's
 * token gets 403 or 404 for every operation on this tenant's things and every admin operation;
 * a read-only token gets 403 for every change. After all of it, nothing the tenant or the admin
 * can see has changed. Each operation is sent with its documented example body, so a request that
 * got past the check would do something.
 */
class AuthMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAPI = "org/gantry/api/http/openapi.yaml";
    private static final String JOB = "{\"name\":\"guarded\",\"gpus\":1,\"workload\":{\"kind\":\"simulated\",\"seconds\":600}}";

    @TempDir
    static Path dir;
    private static JvmCluster cluster;
    private static String base;
    private static HttpClient http;
    private static JsonNode document;
    private static String admin;
    private static String vision;
    private static String audio;
    private static String reader;
    private static String expired;
    private static String revoked;
    private static String jobId;
    private static String visionTokenId;
    private static String adminTokenId;

    @BeforeAll
    static void start() throws Exception {
        admin = Tokens.generate();
        cluster = new JvmCluster(dir, admin);
        base = cluster.startControl().baseUrl();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (InputStream in = AuthMatrixTest.class.getClassLoader().getResourceAsStream(OPENAPI)) {
            assertThat(in).as(OPENAPI).isNotNull();
            document = new YAMLMapper().readTree(in);
        }
        String quota = "{\"quotas\":{\"default\":{\"guaranteed\":1,\"limit\":2}}}";
        vision = field(call("POST", "/api/v1/tenants", admin, quota.replace("{\"quotas\"", "{\"name\":\"vision\",\"quotas\"")),
                201, "token");
        audio = field(call("POST", "/api/v1/tenants", admin, quota.replace("{\"quotas\"", "{\"name\":\"audio\",\"quotas\"")),
                201, "token");
        visionTokenId = field(call("GET", "/api/v1/tenants/vision/tokens", vision, null), 200, "tokens");
        visionTokenId = JSON.readTree(visionTokenId).get(0).path("id").asText();
        reader = field(call("POST", "/api/v1/tenants/vision/tokens", vision, "{\"role\":\"reader\"}"), 201, "token");
        HttpResponse<String> doomed = call("POST", "/api/v1/tenants/vision/tokens", admin, "{\"name\":\"doomed\"}");
        revoked = field(doomed, 201, "token");
        field(call("DELETE", "/api/v1/tenants/vision/tokens/" + JSON.readTree(doomed.body()).path("id").asText(),
                admin, null), 200, "revoked");
        expired = field(call("POST", "/api/v1/tenants/vision/tokens", admin, "{\"expiresIn\":\"PT1S\"}"), 201, "token");
        adminTokenId = field(call("POST", "/api/v1/admin/tokens", admin, "{\"name\":\"spare\"}"), 201, "id");
        jobId = field(call("POST", "/api/v1/jobs", vision, JOB), 201, "id");
        Eventually.await("the 1 s token to expire", Duration.ofSeconds(10),
                () -> call("GET", "/api/v1/jobs", expired, null).statusCode() == 401, () -> "it still works");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void badCredentialsAre401EverywhereAndNothingChanges() throws Exception {
        Map<String, String> before = visibleState();
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("no token", null);
        credentials.put("an empty bearer", "Bearer ");
        credentials.put("another scheme", "Basic " + java.util.Base64.getEncoder().encodeToString("vision:pw".getBytes()));
        credentials.put("no scheme", vision);
        credentials.put("a mistyped token", "Bearer " + vision.substring(0, vision.length() - 1)
                + (vision.endsWith("A") ? "B" : "A"));
        credentials.put("an oversized token", "Bearer " + "x".repeat(4_096));
        credentials.put("an expired token", "Bearer " + expired);
        credentials.put("a revoked token", "Bearer " + revoked);

        List<String> faults = new ArrayList<>();
        int sent = 0;
        for (Operation operation : securedOperations()) {
            for (Map.Entry<String, String> credential : credentials.entrySet()) {
                HttpResponse<String> response = send(operation, credential.getValue());
                sent++;
                String secret = credential.getValue() == null ? null : credential.getValue().replaceFirst("^\\S+ ", "");
                if (response.statusCode() != 401
                        || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                        || response.headers().firstValue("WWW-Authenticate").isEmpty()
                        || (secret != null && secret.length() > 8 && response.body().contains(secret))) {
                    faults.add(operation + " with " + credential.getKey() + ": " + response.statusCode() + " "
                            + response.body());
                }
            }
        }
        assertThat(sent).isGreaterThan(200);
        assertThat(faults).withFailMessage("not refused as 401:%n%s", String.join("\n", faults)).isEmpty();
        assertThat(call("GET", "/api/v1/jobs", "Bearer " + expired, null).body()).contains("expired");
        assertThat(call("GET", "/api/v1/jobs", "Bearer " + revoked, null).body()).contains("revoked");
        assertThat(visibleState()).isEqualTo(before);
    }

    @Test
    void anotherTenantsTokenReachesNoneOfThisTenantsThingsNorAnyAdminOperation() throws Exception {
        Map<String, String> before = visibleState();
        List<String> faults = new ArrayList<>();
        int checked = 0;
        for (Operation operation : securedOperations()) {
            if (!operation.adminOnly() && !operation.namesVision()) {
                continue; // the token's own scope: not this tenant's things
            }
            checked++;
            HttpResponse<String> response = send(operation, "Bearer " + audio);
            if (response.statusCode() != 403 && response.statusCode() != 404) {
                faults.add(operation + ": " + response.statusCode() + " " + response.body());
            }
        }
        assertThat(checked).isGreaterThan(15);
        assertThat(faults).withFailMessage("another tenant's token got through:%n%s", String.join("\n", faults))
                .isEmpty();
        assertThat(visibleState()).isEqualTo(before);
    }

    @Test
    void aReadOnlyTokenReadsButEveryChangeIs403() throws Exception {
        Map<String, String> before = visibleState();
        List<String> faults = new ArrayList<>();
        for (Operation operation : securedOperations()) {
            HttpResponse<String> response = send(operation, "Bearer " + reader);
            boolean read = operation.method().equals("GET");
            if (!read && response.statusCode() != 403) {
                faults.add(operation + ": " + response.statusCode() + " " + response.body());
            }
            if (read && response.statusCode() == 401) {
                faults.add(operation + " refused a valid reader: " + response.body());
            }
        }
        assertThat(faults).withFailMessage("a reader changed or was refused:%n%s", String.join("\n", faults))
                .isEmpty();
        assertThat(call("GET", "/api/v1/jobs/" + jobId, "Bearer " + reader, null).statusCode()).isEqualTo(200);
        assertThat(visibleState()).isEqualTo(before);
    }

    /** One documented operation, its path filled in with this tenant's things. */
    private record Operation(String method, String template, String path, String body, String contentType,
                             boolean adminOnly) {
        boolean namesVision() {
            return path.contains("vision") || path.contains(jobId) || path.contains(visionTokenId);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** Every operation under /api/v1 that the document says needs a token. */
    private static List<Operation> securedOperations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = methods.next();
                JsonNode definition = entry.getValue();
                if (entry.getKey().equals("parameters") || (definition.has("security")
                        && definition.get("security").isEmpty()) || !path.getKey().startsWith("/api/v1/")) {
                    continue;
                }
                JsonNode content = resolve(definition.path("requestBody")).path("content");
                String contentType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                JsonNode example = contentType == null ? null : content.path(contentType).get("example");
                String body = example == null ? null : example.isTextual() ? example.textValue() : example.toString();
                boolean takesTenant = definition.path("parameters").toString().contains("TenantQuery");
                operations.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        fill(path.getKey()) + (takesTenant ? "?tenant=vision" : ""), body, contentType,
                        definition.path("summary").asText().endsWith("(admin)")));
            }
        }
        assertThat(operations).hasSizeGreaterThan(30);
        return operations;
    }

    private static String fill(String template) {
        String id = template.startsWith("/api/v1/admin/tokens") ? adminTokenId
                : template.contains("/tokens/") ? visionTokenId : jobId;
        return template.replace("{id}", id).replace("{tenant}", "vision").replace("{node}", "node-1")
                .replace("{pool}", "default").replace("{name}", "houses");
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.isEmpty()) {
            return node;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    /** What the tenant and the admin can see, read with the admin token: must not change under refused requests. */
    private static Map<String, String> visibleState() throws Exception {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/api/v1/jobs?tenant=vision", "/api/v1/jobs/" + jobId, "/api/v1/tenants",
                "/api/v1/tenants/vision/quota", "/api/v1/tenants/vision/tokens", "/api/v1/tenants/audio/tokens",
                "/api/v1/admin/tokens", "/api/v1/datasets?tenant=vision", "/api/v1/models?tenant=vision",
                "/api/v1/nodes", "/api/v1/pools")) {
            HttpResponse<String> response = call("GET", path, "Bearer " + admin, null);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            state.put(path, response.body());
        }
        return state;
    }

    private static HttpResponse<String> send(Operation operation, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + operation.path()))
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (operation.contentType() != null) {
            request.header("Content-Type", operation.contentType());
        }
        request.method(operation.method(), operation.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(operation.body()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @param token a bare token (sent as a bearer), or a whole Authorization value when it has a space */
    private static HttpResponse<String> call(String method, String path, String token, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", token.contains(" ") ? token : "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    private static String field(HttpResponse<String> response, int status, String name) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode value = JSON.readTree(response.body()).path(name);
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
