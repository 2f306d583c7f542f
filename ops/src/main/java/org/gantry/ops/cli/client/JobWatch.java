package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import org.gantry.api.client.GantryClient;

/**
 * Follows one job to its end, a line on stderr each time it moves ({@code PENDING: waiting for
 * 8 GPUs}, {@code RUNNING on node-1[0,1]}), and turns how it ended into an exit code a script can
 * test: 0 when it succeeded, the workload's exit code when it failed with one, else 1.
 */
final class JobWatch {
    static final Duration POLL = Duration.ofMillis(500);
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private JobWatch() {}

    static int untilEnded(GantryClient client, String id, PrintWriter err) throws InterruptedException {
        String shown = "";
        while (true) {
            JsonNode job = client.job(id);
            String state = Shown.text(job, "state");
            String line = describe(job, state);
            if (!line.equals(shown)) {
                err.println(id + ": " + line);
                err.flush();
                shown = line;
            }
            if (ENDED.contains(state)) {
                return exitCode(job, state);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String describe(JsonNode job, String state) {
        String where = Shown.allocation(job);
        String reason = Shown.text(job, "reason");
        return switch (state) {
            case "SCHEDULED", "RUNNING", "SUSPENDING" -> state + (where.isEmpty() ? "" : " on " + where)
                    + (state.equals("SUSPENDING") && !reason.isEmpty() ? ": " + reason : "");
            default -> state + (reason.isEmpty() ? "" : ": " + reason);
        };
    }

    static int exitCode(JsonNode job, String state) {
        if (state.equals("SUCCEEDED")) {
            return 0;
        }
        int code = job.path("exitCode").asInt(0);
        return code > 0 && code < 256 ? code : 1;
    }
}
