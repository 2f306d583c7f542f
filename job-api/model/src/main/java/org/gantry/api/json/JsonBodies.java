package org.gantry.api.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.gantry.api.validation.ReadResult;

/**
 * Turns request bytes into a tree for the readers. Malformed JSON is one more violation, at
 * {@code $} with the parser's line and column, never an exception for the caller to catch.
 */
final class JsonBodies {
    private JsonBodies() {}

    static ReadResult<JsonNode> parse(String json) {
        try {
            return present(GantryJson.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            return malformed(e);
        }
    }

    static ReadResult<JsonNode> parse(byte[] json) {
        try {
            return present(GantryJson.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            return malformed(e);
        } catch (IOException e) {
            // Reading a byte array does no I/O; only a parse failure can land here.
            return ReadResult.Invalid.of(JsonPaths.ROOT, "malformed JSON: " + e.getMessage());
        }
    }

    /** The top-level object of a body, or null with the violation reported. */
    static Fields rootObject(TreeReader reader, JsonNode body) {
        At root = At.root(body);
        if (!root.present()) {
            reader.report(root.path(), "must be a JSON object, got null");
            return null;
        }
        return reader.object(root);
    }

    private static ReadResult<JsonNode> present(JsonNode node) {
        return node == null || node.isMissingNode()
                ? ReadResult.Invalid.of(JsonPaths.ROOT, "body is empty; expected a JSON object")
                : new ReadResult.Ok<>(node);
    }

    private static ReadResult<JsonNode> malformed(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return ReadResult.Invalid.of(JsonPaths.ROOT, "malformed JSON" + at + ": " + e.getOriginalMessage());
    }
}
