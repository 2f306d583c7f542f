package org.gantry.ops.cli.client;

import java.io.PrintWriter;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry logs ID [-f]}: GET /jobs/{id}/logs. */
@Command(name = "logs",
        header = "Print a job's output; -f follows it until the job ends.",
        description = {
            "Prints what a job wrote to stdout (or --stream stderr), from GET /api/v1/jobs/ID/logs. " +
            "With -f it waits for a pending job to start, keeps printing as the job writes, goes on " +
            "into the next attempt when the job is requeued (a line '==> attempt N on NODE <==' " +
            "heads each later one), and returns when the job ends. --attempt N reads an earlier " +
            "attempt's output (gantry job ID lists them). " +
            "With -o json each line is a JSON object {\"stream\", \"line\"} (JSON Lines).",
            ""},
        footer = {"", "Examples:",
            "  gantry logs j-5f3c2a",
            "  gantry logs -f j-5f3c2a",
            "  gantry logs --stream stderr j-5f3c2a",
            "  gantry logs --attempt 1 j-5f3c2a"},
        mixinStandardHelpOptions = true)
public final class LogsCommand extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    private String id;

    @Option(names = {"-f", "--follow"}, description = "Keep printing until the job ends.")
    private boolean follow;

    @Option(names = "--attempt", paramLabel = "N", description = "Only attempt N (from 1); default: the latest.")
    private Integer attempt;

    @Option(names = "--stream", paramLabel = "STREAM", defaultValue = "stdout",
            description = "stdout or stderr (default: ${DEFAULT-VALUE}).")
    private String stream;

    @Override
    void run(GantryClient client) {
        PrintWriter out = out();
        // Flush each line: someone following a log wants it as it comes, not when a buffer fills.
        client.logs(id, stream, follow, attempt, line -> {
            out.println(json ? mapper().createObjectNode().put("stream", stream).put("line", line).toString() : line);
            out.flush();
        });
    }
}
