package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gantry explain ID}: GET /jobs/{id}/explain. */
@Command(name = "explain",
        header = "Say why a job is where it is: what holds it back, its place in the queue.",
        description = {
            "For a pending job: the scheduling stage that holds it back (QUOTA, INSUFFICIENT_GPUS…) with " +
            "the numbers behind it, its position in the queue and, when known, an estimated start " +
            "with its 10-90%% range (the queue run forward in the background with predicted durations). " +
            "A job that can never start as submitted says NEVER_FITS, and what to change. " +
            "For any other job: what happened last. From GET /api/v1/jobs/ID/explain.",
            ""},
        footer = {"", "Example:",
            "  gantry explain j-5f3c2a"},
        mixinStandardHelpOptions = true)
public final class ExplainCommand extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    private String id;

    @Override
    void run(GantryClient client) throws Exception {
        JsonNode answer = client.explain(id);
        if (json) {
            printJson(answer);
            return;
        }
        String reason = Shown.text(answer, "reason");
        if (reason.equals(Shown.text(answer, "state"))) {
            reason = ""; // an ended job's reason is its state again: say it once
        }
        String detail = Shown.text(answer, "detail");
        String why = reason.isEmpty() ? detail : detail.isEmpty() ? reason : reason + ": " + detail;
        out().println((Shown.text(answer, "id") + " " + Shown.text(answer, "state") + "  " + why).stripTrailing());
        List<String> queue = new ArrayList<>();
        if (answer.hasNonNull("queuePosition")) {
            queue.add("queue position " + answer.get("queuePosition").asText());
        }
        if (answer.hasNonNull("estimatedStart")) {
            queue.add("estimated start " + Shown.time(answer, "estimatedStart"));
        }
        JsonNode range = answer.path("estimatedStartRange");
        if (range.hasNonNull("earliest")) {
            queue.add("10-90% range " + Shown.time(range, "earliest") + " to " + Shown.time(range, "latest"));
        }
        if (!queue.isEmpty()) {
            out().println(String.join(", ", queue));
        }
    }
}
