package org.gantry.api.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A place in the tree being read: its path, and the value there. The value is null when it
 * is absent; an explicit JSON {@code null} counts as absent, since the writer leaves out what
 * is null and a reader should accept what the writer wrote.
 */
record At(String path, JsonNode node) {
    At {
        node = node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    static At root(JsonNode node) {
        return new At(JsonPaths.ROOT, node);
    }

    boolean present() {
        return node != null;
    }
}
