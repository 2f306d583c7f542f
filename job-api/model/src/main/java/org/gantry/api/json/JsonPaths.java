package org.gantry.api.json;

/** Builds the JSON paths violations point at: {@code $.workload.env.LR}, {@code $.labels['a/b']}, {@code $.workload.command[2]}. */
final class JsonPaths {
    static final String ROOT = "$";

    private JsonPaths() {}

    static String field(String parent, String name) {
        if (isPlain(name)) {
            return parent + "." + name;
        }
        return parent + "['" + Quoting.clip(name).replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** {@code [A-Za-z_][A-Za-z0-9_]*}, by hand: every field read builds its path. */
    private static boolean isPlain(String name) {
        if (name.isEmpty() || name.charAt(0) >= '0' && name.charAt(0) <= '9') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
