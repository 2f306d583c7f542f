package org.gantry.djl.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.gantry.api.json.GantryJson;
import org.gantry.djl.PredictionInputException;

/**
 * {@code POST /predict} of a replica: {@code {"rows": [{"x1": 0.3, …}, …]}} in, {@code {"model",
 * "version", "predictions"}} out, through the {@link PredictionBatcher}. Only the control plane
 * calls it, with the token the agent gave this replica; every refusal is a problem document whose
 * detail the control plane passes on.
 */
final class PredictHandler implements HttpHandler {
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_ROWS = 10_000;

    private final PredictionBatcher batcher;
    private final byte[] token;
    private final String model;
    private final int version;

    PredictHandler(PredictionBatcher batcher, String token, String model, int version) {
        this.batcher = batcher;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.model = model;
        this.version = version;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                problem(exchange, 405, "use POST");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null
                    || !MessageDigest.isEqual(token, authorization.getBytes(StandardCharsets.UTF_8))) {
                problem(exchange, 401, "this replica answers its control plane only");
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                problem(exchange, 413, "the request body exceeds " + MAX_BODY_BYTES + " bytes");
                return;
            }
            List<Map<String, Object>> rows;
            try {
                rows = rows(GantryJson.mapper().readTree(body));
            } catch (JsonProcessingException e) {
                problem(exchange, 400, "the request body is not well-formed JSON: " + e.getOriginalMessage());
                return;
            } catch (IllegalArgumentException e) {
                problem(exchange, 422, e.getMessage());
                return;
            }
            answer(exchange, rows);
        }
    }

    private void answer(HttpExchange exchange, List<Map<String, Object>> rows) throws IOException {
        double[] predictions;
        try {
            predictions = batcher.predict(rows).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PredictionInputException refused) {
                problem(exchange, 422, refused.getMessage());
            } else {
                problem(exchange, 503, "the replica could not predict: " + e.getCause().getMessage());
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem(exchange, 503, "the replica is stopping");
            return;
        }
        ObjectNode answer = GantryJson.mapper().createObjectNode();
        answer.put("model", model);
        answer.put("version", version);
        ArrayNode values = answer.putArray("predictions");
        for (double prediction : predictions) {
            values.add(prediction);
        }
        send(exchange, 200, "application/json", GantryJson.mapper().writeValueAsBytes(answer));
    }

    /** The rows of {@code {"rows": [...]}}: objects whose values the model checks itself. */
    private static List<Map<String, Object>> rows(JsonNode body) {
        JsonNode rows = body == null ? null : body.get("rows");
        if (!(body instanceof ObjectNode) || rows == null || !rows.isArray() || body.size() != 1) {
            throw new IllegalArgumentException("the body must be {\"rows\": [{\"feature\": number, ...}, ...]}");
        }
        if (rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_ROWS + " rows per request, got " + rows.size());
        }
        List<Map<String, Object>> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isObject()) {
                throw new IllegalArgumentException("rows[" + i + "] must be an object of feature values");
            }
            result.add(GantryJson.mapper().convertValue(rows.get(i), Map.class));
        }
        return result;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        ObjectNode problem = GantryJson.mapper().createObjectNode();
        problem.put("type", "urn:gantry:problem:" + (status == 422 ? "invalid-request" : "replica-" + status));
        problem.put("status", status);
        problem.put("detail", detail);
        send(exchange, status, "application/problem+json", GantryJson.mapper().writeValueAsBytes(problem));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
