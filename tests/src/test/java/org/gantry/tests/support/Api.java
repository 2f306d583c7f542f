package org.gantry.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Gantry's REST API over real HTTP, as a client sees it. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;

    public Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public Api withToken(String other) {
        return new Api(base, other);
    }

    /** Where the API is, {@code http://host:port}: for a test's own HTTP client. */
    public String baseUrl() {
        return base;
    }

    /** The bearer token this client sends (null for none). */
    public String token() {
        return token;
    }

    /** A status, a parsed body (null when empty or not JSON), the raw body and the headers. */
    public record Answer(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** As {@link #post(String, String)}, with these headers too (an {@code Idempotency-Key}, say). */
    public Answer post(String path, String json, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    /** The file as the body, streamed from disk, with {@code contentType}. */
    public Answer put(String path, java.nio.file.Path file, String contentType) {
        try {
            return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                // logs are text
            }
            return new Answer(response.statusCode(), body, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server answers at all (a refused connection is "no"). */
    public boolean reachable(String path) {
        try {
            return get(path).status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
