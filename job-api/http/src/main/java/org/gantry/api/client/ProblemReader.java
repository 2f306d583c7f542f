package org.gantry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.validation.Violation;

/** Turns an error answer into a {@link GantryClientException}, even when it is not a problem document (a proxy's page). */
final class ProblemReader {
    /** Enough of a non-JSON body to recognise it, not a whole HTML page. */
    private static final int MAX_RAW_DETAIL = 200;

    private ProblemReader() {}

    static GantryClientException read(ObjectMapper json, int status, String body) {
        JsonNode problem = parse(json, body);
        if (problem == null || !problem.isObject()) {
            String raw = body == null ? "" : body.strip();
            return new GantryClientException(status, null, "HTTP " + status,
                    raw.length() > MAX_RAW_DETAIL ? raw.substring(0, MAX_RAW_DETAIL) + "…" : raw, List.of());
        }
        List<Violation> errors = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            errors.add(new Violation(error.path("path").asText(""), error.path("message").asText("")));
        }
        String title = problem.path("title").asText("HTTP " + status);
        String detail = problem.hasNonNull("detail") ? problem.get("detail").asText() : null;
        String type = problem.hasNonNull("type") ? problem.get("type").asText() : null;
        return new GantryClientException(status, type, title, detail, errors);
    }

    private static JsonNode parse(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
