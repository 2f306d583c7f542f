package org.gantry.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.api.job.ServingReady;
import org.gantry.api.json.GantryJson;

/**
 * A stand-in for the serving entry point, started by the real {@link DjlServeRunner} as a child
 * process of a test's agent: it reads the config the runner wrote, listens on a free port per
 * replica (answering {@code {"pid": N}} with the bearer token from the environment, 401 without)
 * and prints the ready lines the agent watches for. When the "model" it was given holds a file
 * named {@code crash}, it exits with code 3 just after it said it was ready.
 */
public final class FakeReplicaMain {

    private FakeReplicaMain() {}

    public static void main(String[] args) throws Exception {
        JsonNode config = GantryJson.mapper().readTree(Path.of(args[0]).toFile());
        String token = System.getenv(DjlServeRunner.TOKEN_ENV);
        byte[] answer = ("{\"pid\":" + ProcessHandle.current().pid() + "}").getBytes(StandardCharsets.UTF_8);
        for (JsonNode replica : config.get("replicas")) {
            HttpServer server = HttpServer.create(new InetSocketAddress(config.get("host").asText(), 0), 0);
            server.createContext("/predict", exchange -> {
                boolean allowed = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.sendResponseHeaders(allowed ? 200 : 401, allowed ? answer.length : -1);
                try (OutputStream out = exchange.getResponseBody()) {
                    if (allowed) {
                        out.write(answer);
                    }
                }
            });
            server.start();
            System.out.println(new ServingReady(replica.asInt(), server.getAddress().getPort(),
                    config.get("version").asInt()).toLine());
        }
        System.out.flush();
        if (Files.exists(Path.of(config.get("modelDir").asText(), "crash"))) {
            Thread.sleep(100);
            System.exit(3);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
