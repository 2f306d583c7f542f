package org.gantry.ops.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.util.function.Function;
import org.gantry.api.json.GantryJson;
import picocli.CommandLine.Model.CommandSpec;

/** Where a bench command's result goes: stdout, as one JSON object ({@code --json}) or as text. */
final class BenchOutput {
    private BenchOutput() {}

    static <T> void print(CommandSpec spec, boolean json, T report, Function<T, String> text)
            throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? GantryJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
                : text.apply(report));
        out.flush();
    }
}
