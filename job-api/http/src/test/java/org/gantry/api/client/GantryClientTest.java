package org.gantry.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's own rules, against the JDK's small HTTP server standing in for Gantry: what it
 * sends, how it reads problems and odd answers. The real API is exercised by the CLI's tests in ops.
 */
class GantryClientTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server answering every request with this status, content type and body; records the last request line. */
    private String serve(int status, String contentType, String body, AtomicReference<String> seen) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void aProblemBecomesAnExceptionWithItsErrors() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        String url = serve(422, "application/problem+json", "{\"type\":\"urn:gantry:problem:invalid-request\","
                + "\"title\":\"Invalid request\",\"status\":422,\"detail\":\"the job has 1 error\","
                + "\"errors\":[{\"path\":\"$.gpus\",\"message\":\"must be at least 1\"}]}", seen);
        GantryClient client = new GantryClient(url, " secret ");

        assertThatThrownBy(() -> client.submit("{}", null))
                .isInstanceOfSatisfying(GantryClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("Invalid request: the job has 1 error");
                    assertThat(e.type()).isEqualTo("urn:gantry:problem:invalid-request");
                    assertThat(e.errors()).singleElement().hasToString("$.gpus: must be at least 1");
                });
        assertThat(seen.get()).isEqualTo("POST /api/v1/jobs Bearer secret");
    }

    @Test
    void anAnswerThatIsNotAProblemStillSaysWhatCameBack() throws Exception {
        String url = serve(502, "text/html", "<html>bad gateway</html>", new AtomicReference<>());

        assertThatThrownBy(() -> new GantryClient(url, null).nodes())
                .isInstanceOfSatisfying(GantryClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).isEqualTo("HTTP 502: <html>bad gateway</html>");
                });
    }

    @Test
    void queryParametersAndPathSegmentsAreEncoded() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        String url = serve(200, "application/json", "{\"jobs\":[]}", seen);
        GantryClient client = new GantryClient(url, null);

        client.jobs("RUNNING", null, 5, "a b&c");
        assertThat(seen.get()).isEqualTo("GET /api/v1/jobs?state=RUNNING&limit=5&cursor=a+b%26c null");
        client.job("j 1/2");
        assertThat(seen.get()).isEqualTo("GET /api/v1/jobs/j%201%2F2 null");
    }

    @Test
    void logsArriveLineByLine() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        String url = serve(200, "text/plain", "one\ntwo\n", seen);
        List<String> lines = new ArrayList<>();

        new GantryClient(url, "t").logs("j-1", "stderr", true, lines::add);

        assertThat(lines).containsExactly("one", "two");
        assertThat(seen.get()).isEqualTo("GET /api/v1/jobs/j-1/logs?stream=stderr&follow=true Bearer t");
    }

    @Test
    void nothingListeningIsUnreachableWithAClearMessage() {
        assertThatThrownBy(() -> new GantryClient("http://127.0.0.1:1", "t").tenants())
                .isInstanceOfSatisfying(GantryClientException.class, e -> {
                    assertThat(e.unreachable()).isTrue();
                    assertThat(e.getMessage()).startsWith(
                            "cannot reach Gantry at http://127.0.0.1:1: is it running? set GANTRY_URL");
                });
    }

    @Test
    void aUrlWithoutSchemeOrHostIsRefused() {
        assertThatThrownBy(() -> new GantryClient("localhost:8080", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://localhost:8080");
        assertThat(new GantryClient(null, null).url()).isEqualTo(GantryClient.DEFAULT_URL);
        assertThat(new GantryClient("https://gantry.example/", null).url()).isEqualTo("https://gantry.example");
    }
}
