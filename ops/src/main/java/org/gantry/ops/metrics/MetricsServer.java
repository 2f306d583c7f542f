package org.gantry.ops.metrics;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} for a process without the control plane's HTTP server (a GPU node's
 * agent): the JDK's own HTTP server on one thread, outliving the agent's actor systems, which it
 * restarts when it rejoins the cluster.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code metrics} on {@code host:port} (0 for any free port). */
    public static MetricsServer start(GantryMetrics metrics, String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port + " (" + e.getMessage()
                    + "); pick another with --metrics-port", e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                boolean found = exchange.getRequestURI().getPath().equals("/metrics");
                boolean get = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
                if (!found || !get) {
                    byte[] problem = ("{\"type\":\"about:blank\",\"title\":\"" + (found ? "Method Not Allowed" : "Not Found")
                            + "\",\"status\":" + (found ? 405 : 404) + ",\"detail\":\"this server answers GET /metrics only\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                    exchange.sendResponseHeaders(found ? 405 : 404, problem.length);
                    exchange.getResponseBody().write(problem);
                    return;
                }
                byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", TextFormat.CONTENT_TYPE_004);
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(200, head ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
        return new MetricsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
