package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gantry cancel ID}: DELETE /jobs/{id}. */
@Command(name = "cancel",
        header = "Cancel a job.",
        description = {
            "Cancels a job (DELETE /api/v1/jobs/ID). A pending job is CANCELLED at once; a running one is " +
            "stopped (SIGTERM, then SIGKILL after the grace) and ends CANCELLED. Cancelling a finished job " +
            "is refused (409).",
            ""},
        footer = {"", "Example:",
            "  gantry cancel j-5f3c2a"},
        mixinStandardHelpOptions = true)
public final class CancelCommand extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    private String id;

    @Override
    void run(GantryClient client) throws Exception {
        JsonNode job = client.cancel(id);
        if (json) {
            printJson(job);
            return;
        }
        String state = Shown.text(job, "state");
        out().println(Shown.text(job, "id") + " " + state
                + (job.path("cancelRequested").asBoolean() && !state.equals("CANCELLED") ? " (stopping)" : ""));
    }
}
