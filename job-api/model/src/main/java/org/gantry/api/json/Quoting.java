package org.gantry.api.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How messages show what the user sent. Values are clipped, because a message that echoes a
 * megabyte-long string back is a problem of its own.
 */
final class Quoting {
    private static final int SHOWN = 64;

    private Quoting() {}

    /** {@code 'value'}, clipped. */
    static String quote(String value) {
        return "'" + clip(value) + "'";
    }

    static String clip(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
    }

    /** What kind of JSON value a node is, for "must be X, got Y" messages. */
    static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case BINARY -> "binary data";
            case NULL, MISSING -> "null";
        };
    }
}
