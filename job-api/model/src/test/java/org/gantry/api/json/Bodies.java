package org.gantry.api.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Request bodies for reader tests: the design's example job, and edits of it. */
final class Bodies {
    /** The job from DESIGN.md, "Interfaces that stay stable", verbatim. */
    static final String DESIGN_EXAMPLE = """
            { "name": "resnet50", "tenant": "vision", "type": "TRAINING", "pool": "default",
              "gpus": 4, "estimatedDuration": "PT2H", "timeLimit": "PT4H", "priority": 0,
              "workload": { "kind": "process", "command": ["python", "train.py"], "env": {"LR": "0.1"},
                            "secretEnv": {"WANDB_KEY": "..."} },
              "checkpoint": { "intervalSeconds": 600 }, "maxRetries": 3 }
            """;

    private Bodies() {}

    static ObjectNode example() {
        return (ObjectNode) parse(DESIGN_EXAMPLE);
    }

    static JsonNode parse(String json) {
        try {
            return GantryJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a client receives for {@code value}: written as text, parsed back. */
    static JsonNode written(Object value) {
        try {
            return parse(GantryJson.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with the value at {@code pointer} replaced by {@code json}, or removed when {@code json} is null. */
    static ObjectNode exampleWith(String pointer, String json) {
        ObjectNode body = example();
        JsonPointer at = JsonPointer.compile(pointer);
        ObjectNode parent = (ObjectNode) body.at(at.head());
        if (json == null) {
            parent.remove(at.last().getMatchingProperty());
        } else {
            parent.set(at.last().getMatchingProperty(), parse(json));
        }
        return body;
    }

    /** A JSON string literal of {@code length} copies of 'a'. */
    static String longString(int length) {
        return "\"" + "a".repeat(length) + "\"";
    }

    /** A JSON object of {@code count} entries {@code K0: "v"}, {@code K1: "v"}… */
    static String objectOf(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"K").append(i).append("\":\"v\"");
        }
        return json.append('}').toString();
    }

    /** A JSON array of {@code count} strings. */
    static String arrayOf(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"a\"");
        }
        return json.append(']').toString();
    }
}
