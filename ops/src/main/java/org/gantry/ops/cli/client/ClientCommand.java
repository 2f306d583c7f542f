package org.gantry.ops.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every client command shares: the connection options, {@code --json}, and where to print.
 * A refusal is thrown as {@link org.gantry.api.client.GantryClientException} and printed by
 * {@link ClientFailure} through {@code GantryCommand}'s exception handler (exit code 1).
 */
abstract class ClientCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions connection;

    @Option(names = "--json", description = "Print the server's JSON answer instead of a table (as -o json).")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "json|wide",
            description = "json: the server's JSON answer; wide: a table with more columns.")
    private Output output;

    /** What {@code -o} accepts; picocli names the choices when given anything else. */
    enum Output { json, wide }

    /** What {@link #call} returns once {@link #run} is done: 0 unless the command says otherwise. */
    private int exitCode;

    @Override
    public final Integer call() throws Exception {
        json |= output == Output.json;
        run(connection.client());
        out().flush();
        return exitCode;
    }

    /** The exit code to end with when {@link #run} returns (a followed job's, for one). */
    void exitWith(int code) {
        exitCode = code;
    }

    abstract void run(GantryClient client) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** With -o wide: show the longer table. */
    boolean wide() {
        return output == Output.wide;
    }

    /**
     * Stderr, after flushing stdout: a hint written while the table still sits in stdout's buffer
     * would land on a terminal before (or inside) it.
     */
    PrintWriter err() {
        out().flush();
        return spec.commandLine().getErr();
    }

    void printJson(JsonNode answer) throws JsonProcessingException {
        out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
