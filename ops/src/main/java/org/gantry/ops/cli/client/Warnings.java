package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** The server's warnings, on stderr after the answer on stdout is flushed, so none lands inside a table. */
final class Warnings {
    private Warnings() {}

    static void print(PrintWriter out, PrintWriter err, Iterable<JsonNode> warnings) {
        out.flush();
        for (JsonNode warning : warnings) {
            err.println("warning: " + warning.asText());
        }
        err.flush();
    }
}
