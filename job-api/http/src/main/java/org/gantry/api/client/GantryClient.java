package org.gantry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gantry.api.service.ClusterService.NodeAction;

/**
 * Gantry's REST API ({@code /api/v1}) as plain method calls. Answers are the server's JSON,
 * unchanged (list answers keep their wrapper, e.g. {@code {"nodes": [...]}}), so a caller can
 * print them as they are. Every refusal, and a server that cannot be reached, throws
 * {@link GantryClientException}. Thread-safe.
 */
public final class GantryClient {
    public static final String DEFAULT_URL = "http://localhost:8080";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous, since a submit is answered once durable; logs with {@code follow} are exempt. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String url;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param url   where Gantry serves, like {@code http://localhost:8080} (a trailing slash is fine)
     * @param token the bearer token; null or blank sends none (the server then answers 401)
     * @throws IllegalArgumentException if {@code url} is not an http(s) URL with a host
     */
    public GantryClient(String url, String token) {
        this(url, token, null);
    }

    /**
     * @param tls what to trust for an {@code https} URL (a private CA's certificate, say); null
     *            for the JVM's default trust store
     */
    public GantryClient(String url, String token, javax.net.ssl.SSLContext tls) {
        this.url = checkedUrl(url);
        this.token = token == null || token.isBlank() ? null : token.strip();
        // HTTP/1.1: Gantry serves it, and the upgrade attempt of HTTP/2 over cleartext buys nothing.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    public String url() {
        return url;
    }

    // ---- jobs

    /** {@code POST /jobs} with a job's JSON; {@code idempotencyKey} may be null. */
    public Submitted submit(String jobJson, String idempotencyKey) {
        HttpRequest.Builder request = request("/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jobJson, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = send(request.build());
        return new Submitted(parse(response.body()), response.statusCode() == 201);
    }

    /**
     * {@code POST /jobs?dryRun=true}: the job checked as a submit would, nothing stored; where it
     * would go and when it would start ({@code startsNow}, {@code allocation}, {@code reason},
     * {@code detail}, {@code estimatedStart}).
     */
    public JsonNode dryRun(String jobJson) {
        return parse(send(request("/jobs?dryRun=true").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jobJson, StandardCharsets.UTF_8)).build()).body());
    }

    /**
     * {@code GET /jobs}, one page, newest first: {@code {"jobs": [...], "nextCursor": ...}}.
     * Every argument may be null (no filter, the server's page size, the first page).
     */
    public JsonNode jobs(String state, String tenant, Integer limit, String cursor) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("state", state);
        query.put("tenant", tenant);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return getJson("/jobs" + queryString(query));
    }

    /** Every job that matches, following {@code nextCursor} page by page. */
    public List<JsonNode> allJobs(String state, String tenant, Integer pageSize) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = jobs(state, tenant, pageSize, cursor);
            page.path("jobs").forEach(all::add);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    /** {@code GET /jobs/{id}}. */
    public JsonNode job(String id) {
        return getJson("/jobs/" + segment(id));
    }

    /** {@code DELETE /jobs/{id}}: the job as it is after the request (a running job may still be stopping). */
    public JsonNode cancel(String id) {
        return json(send(request("/jobs/" + segment(id)).DELETE().build()));
    }

    /** {@code GET /jobs/{id}/events}: {@code {"events": [...]}}. */
    public JsonNode events(String id) {
        return getJson("/jobs/" + segment(id) + "/events");
    }

    /** {@code GET /jobs/{id}/explain}. */
    public JsonNode explain(String id) {
        return getJson("/jobs/" + segment(id) + "/explain");
    }

    /**
     * {@code GET /jobs/{id}/logs}: hands each line to {@code lines} as it arrives. With
     * {@code follow} this returns only once the job has ended (or the connection drops).
     *
     * @param stream {@code stdout} or {@code stderr}; null for the server's default (stdout)
     */
    public void logs(String id, String stream, boolean follow, Consumer<String> lines) {
        logs(id, stream, follow, null, lines);
    }

    /**
     * As {@link #logs(String, String, boolean, Consumer)}, of one attempt; with a null
     * {@code attempt}, following goes on across the job's attempts until it ends.
     */
    public void logs(String id, String stream, boolean follow, Integer attempt, Consumer<String> lines) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("stream", stream);
        query.put("follow", follow ? "true" : null);
        query.put("attempt", attempt);
        HttpRequest.Builder request = request("/jobs/" + segment(id) + "/logs" + queryString(query)).GET();
        if (follow) {
            request.timeout(Duration.ofDays(365)); // a followed log lasts as long as the job
        }
        HttpResponse<Stream<String>> response = call(request.build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> body = response.body()) {
            if (response.statusCode() >= 400) {
                throw ProblemReader.read(json, response.statusCode(), body.collect(Collectors.joining("\n")));
            }
            body.forEach(lines);
        } catch (UncheckedIOException e) {
            throw GantryClientException.unreachable(url, e.getCause());
        }
    }

    /** {@code GET /queue}: {@code {"queue": [...], "total": n}}, the first 10,000 pending jobs in scheduling order. */
    public JsonNode queue() {
        return getJson("/queue");
    }

    // ---- fleet

    /** {@code GET /nodes}: {@code {"nodes": [...]}}. */
    public JsonNode nodes() {
        return getJson("/nodes");
    }

    /** {@code GET /pools}: {@code {"pools": [...]}}. */
    public JsonNode pools() {
        return getJson("/pools");
    }

    /** {@code POST /nodes/{node}/cordon|drain|uncordon} (admin): the node afterwards. */
    public JsonNode nodeAction(String node, NodeAction action) {
        String path = "/nodes/" + segment(node) + "/" + action.name().toLowerCase(Locale.ROOT);
        return json(send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    // ---- tenants

    /** {@code GET /whoami}: {@code {"kind": "admin"}} or {@code {"kind": "tenant", "tenant": …}}. */
    public JsonNode whoAmI() {
        return getJson("/whoami");
    }

    /** {@code GET /tenants}: {@code {"tenants": [...]}}, those this token may see (the admin: all). */
    public JsonNode tenants() {
        return getJson("/tenants");
    }

    /** {@code POST /tenants} (admin): the tenant and its {@code token}, shown only in this answer. */
    public JsonNode createTenant(String tenantJson) {
        return json(send(request("/tenants").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tenantJson, StandardCharsets.UTF_8)).build()));
    }

    /** {@code GET /tenants/{t}/quota}: guaranteed, limit, used, borrowed and pending GPUs per pool. */
    public JsonNode quota(String tenant) {
        return getJson("/tenants/" + segment(tenant) + "/quota");
    }

    /**
     * {@code GET /tenants/{t}/usage}: GPU-hours per pool in steps. {@code from}, {@code to} and
     * {@code step} go as given (the server reads instants, ages such as {@code 24h}, and steps
     * such as {@code 1h}); null leaves the server's default.
     */
    public JsonNode usage(String tenant, String from, String to, String step) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", from);
        query.put("to", to);
        query.put("step", step);
        return getJson("/tenants/" + segment(tenant) + "/usage" + queryString(query));
    }

    /** {@code PUT /tenants/{t}/quota} (admin) with {@code {"quotas": {...}}}. */
    public JsonNode setQuota(String tenant, String quotasJson) {
        return json(send(request("/tenants/" + segment(tenant) + "/quota").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(quotasJson, StandardCharsets.UTF_8)).build()));
    }

    // ---- tokens and the audit log

    /** Where a holder's tokens are: a tenant's, or the admin's when {@code tenant} is null. */
    private static String tokensPath(String tenant) {
        return tenant == null ? "/admin/tokens" : "/tenants/" + segment(tenant) + "/tokens";
    }

    /** {@code GET …/tokens}: {@code {"tokens": [...]}}, never their secrets. {@code tenant} null: the admin's. */
    public JsonNode tokens(String tenant) {
        return getJson(tokensPath(tenant));
    }

    /** {@code POST …/tokens} with {@code {"name", "expiresIn", "role"}}: the token and its secret as {@code token}, shown once. */
    public JsonNode issueToken(String tenant, String requestJson) {
        return json(send(request(tokensPath(tenant)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestJson, StandardCharsets.UTF_8)).build()));
    }

    /** {@code DELETE …/tokens/{id}}: the token, revoked. */
    public JsonNode revokeToken(String tenant, String id) {
        return json(send(request(tokensPath(tenant) + "/" + segment(id)).DELETE().build()));
    }

    /** {@code GET /audit} (admin): a page of entries, newest first; null parameters are left out. */
    public JsonNode audit(String tenant, String from, String to, Integer limit, String cursor) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("tenant", tenant);
        query.put("from", from);
        query.put("to", to);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return getJson("/audit" + queryString(query));
    }

    // ---- models

    /** {@code GET /models}: {@code {"models": [...]}}, the newest version of each model this token may see. */
    public JsonNode models(String tenant) {
        return getJson("/models" + (tenant == null ? "" : "?tenant=" + segment(tenant)));
    }

    /** {@code GET /models/{name}}: its newest version, or {@code version} when not null. */
    public JsonNode model(String name, String tenant, Integer version) {
        StringBuilder query = new StringBuilder();
        if (tenant != null) {
            query.append("?tenant=").append(segment(tenant));
        }
        if (version != null) {
            query.append(query.isEmpty() ? "?" : "&").append("version=").append(version);
        }
        return getJson("/models/" + segment(name) + query);
    }

    // ---- datasets

    /** {@code GET /datasets}: {@code {"datasets": [...]}}, the datasets this token may see. */
    public JsonNode datasets(String tenant) {
        return getJson("/datasets" + (tenant == null ? "" : "?tenant=" + segment(tenant)));
    }

    /** {@code GET /datasets/{name}}. */
    public JsonNode dataset(String name, String tenant) {
        return getJson("/datasets/" + segment(name) + (tenant == null ? "" : "?tenant=" + segment(tenant)));
    }

    /**
     * {@code PUT /datasets/{name}} with the file streamed from disk as {@code text/csv}: the stored
     * dataset ({@code name, tenant, columns, rows, bytes, sha256, createdAt}). A big file takes a while,
     * so the upload waits up to {@link #UPLOAD_TIMEOUT} rather than the usual request timeout.
     */
    public JsonNode uploadDataset(String name, java.nio.file.Path file, String tenant) throws java.io.FileNotFoundException {
        return json(send(request("/datasets/" + segment(name) + (tenant == null ? "" : "?tenant=" + segment(tenant)))
                .timeout(UPLOAD_TIMEOUT).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build()));
    }

    /** {@code DELETE /datasets/{name}}. */
    public void deleteDataset(String name, String tenant) {
        send(request("/datasets/" + segment(name) + (tenant == null ? "" : "?tenant=" + segment(tenant)))
                .DELETE().build());
    }

    // ---- plumbing

    private JsonNode getJson(String path) {
        return json(send(request(path).GET().build()));
    }

    /** How long an upload may take: a gigabyte over a slow link. */
    public static final java.time.Duration UPLOAD_TIMEOUT = java.time.Duration.ofHours(1);

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + "/api/v1" + path))
                .timeout(REQUEST_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Sends and reads the whole answer; any status of 400 or more becomes the problem it carries. */
    private HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response = call(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 400) {
            throw ProblemReader.read(json, response.statusCode(), response.body());
        }
        return response;
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw GantryClientException.unreachable(url, e);
        } catch (IOException e) {
            // A reset or closed connection: the server went away mid-request, or is not HTTP.
            throw GantryClientException.unreachable(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GantryClientException(0, null, "interrupted", "the request to " + url + " was abandoned",
                    List.of());
        }
    }

    private JsonNode json(HttpResponse<String> response) {
        return parse(response.body());
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new GantryClientException(0, null, "not a Gantry answer",
                    "the server at " + url + " answered something that is not JSON", List.of());
        }
    }

    private static String queryString(Map<String, Object> params) {
        String joined = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return joined.isEmpty() ? "" : "?" + joined;
    }

    /** One path segment, percent-encoded so an odd id reaches the server (and its 404) intact. */
    private static String segment(String value) {
        Objects.requireNonNull(value, "path segment");
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String checkedUrl(String url) {
        String text = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("'" + url + "' is not a URL like " + DEFAULT_URL);
        }
        return text;
    }
}
