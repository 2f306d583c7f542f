package org.gantry.api.json;

import java.util.regex.Pattern;

/** Builds the JSON paths violations point at: {@code $.workload.env.LR}, {@code $.labels['a/b']}, {@code $.workload.command[2]}. */
final class JsonPaths {
    static final String ROOT = "$";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {}

    static String field(String parent, String name) {
        if (PLAIN.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "['" + Quoting.clip(name).replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
