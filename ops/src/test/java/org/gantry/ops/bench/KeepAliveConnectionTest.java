package org.gantry.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The bench's keep-alive connection against a real socket on loopback that answers with canned
 * HTTP/1.1: it reads length-delimited and chunked answers, keeps a refusal's body, notes Retry-After, keeps the
 * connection, and sends again on a new one when the server had closed it while idle.
 */
class KeepAliveConnectionTest {
    private static final String TOO_MANY = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\n"
            + "Content-Type: application/problem+json\r\nContent-Length: 17\r\n\r\n{\"detail\":\"slow\"}";
    private static final String CREATED_CHUNKED = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3\r\n{\"a\r\n2\r\n\"}\r\n0\r\n\r\n";

    @Test
    void readsAnswersOnOneConnectionAndReconnectsWhenTheServerClosedIt() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0)) {
            // First connection: two answers, then closed as if idle; the second: one more.
            Thread serving = new Thread(() -> {
                try {
                    for (List<String> answers : List.of(List.of(TOO_MANY, CREATED_CHUNKED), List.of(TOO_MANY))) {
                        try (Socket socket = server.accept()) {
                            connections.incrementAndGet();
                            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                    StandardCharsets.UTF_8));
                            OutputStream out = socket.getOutputStream();
                            for (String answer : answers) {
                                readRequest(in);
                                out.write(answer.getBytes(StandardCharsets.UTF_8));
                                out.flush();
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            serving.start();
            URI base = URI.create("http://127.0.0.1:" + server.getLocalPort());
            try (KeepAliveConnection connection = new KeepAliveConnection(base,
                    KeepAliveConnection.post(base, "/api/v1/jobs", "a-token", "{\"x\":1}"))) {
                assertThat(connection.send()).isEqualTo(new KeepAliveConnection.Answer(429, true, "{\"detail\":\"slow\"}"));
                assertThat(connection.send()).isEqualTo(new KeepAliveConnection.Answer(201, false, null));
                assertThat(connection.send()).as("sent again on a new connection")
                        .isEqualTo(new KeepAliveConnection.Answer(429, true, "{\"detail\":\"slow\"}"));
            }
            serving.join(10_000);
            assertThat(connections.get()).isEqualTo(2);
        }
    }

    /** Reads one request: its head, then as many body bytes as it said. */
    private static void readRequest(BufferedReader in) throws IOException {
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        in.skip(length);
    }
}
