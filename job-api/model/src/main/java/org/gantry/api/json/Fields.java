package org.gantry.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An object in the tree being read: hands out its fields, and reports missing and unknown ones. */
final class Fields {
    private final TreeReader reader;
    private final ObjectNode node;
    private final String path;

    Fields(TreeReader reader, ObjectNode node, String path) {
        this.reader = reader;
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    At optional(String name) {
        return new At(JsonPaths.field(path, name), node.get(name));
    }

    At required(String name) {
        At at = optional(name);
        if (!at.present()) {
            reader.report(at.path(), "is required");
        }
        return at;
    }

    /** Every field, in the order sent, for objects that are maps rather than records. */
    List<Map.Entry<String, At>> entries() {
        List<Map.Entry<String, At>> entries = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            entries.add(Map.entry(e.getKey(), new At(JsonPaths.field(path, e.getKey()), e.getValue())));
        }
        return entries;
    }

    int size() {
        return node.size();
    }

    /** Reports each field not in {@code allowed}; a typo is named rather than silently ignored. */
    void allowOnly(List<String> allowed) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!allowed.contains(e.getKey())) {
                reader.report(JsonPaths.field(path, e.getKey()), "unknown field " + Quoting.quote(e.getKey())
                        + "; allowed fields: " + String.join(", ", allowed));
            }
        }
    }
}
