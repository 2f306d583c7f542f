package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gantry job ID}: GET /jobs/{id}, and its history from GET /jobs/{id}/events. */
@Command(name = "job",
        header = "Show one job: its state, where it runs, how it ended, and its history.",
        description = {
            "Shows a job (GET /api/v1/jobs/ID, secrets masked) followed by its events (GET …/events): " +
            "submitted, scheduled on which GPUs, started, finished. A pending job also shows when " +
            "the scheduler expects it to start, with the 10-90%% range of that estimate (as gantry " +
            "explain does). With --json, the job only.",
            ""},
        footer = {"", "Example:",
            "  gantry job j-5f3c2a"},
        mixinStandardHelpOptions = true)
public final class JobCommand extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The job's id, as submit or jobs printed it.")
    private String id;

    @Override
    void run(GantryClient client) throws Exception {
        JsonNode job = client.job(id);
        if (json) {
            printJson(job);
            return;
        }
        JsonNode spec = job.path("spec");
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"ID", Shown.text(job, "id")});
        fields.add(new String[] {"Name", Shown.text(job, "name")});
        fields.add(new String[] {"Tenant", Shown.text(job, "tenant")});
        fields.add(new String[] {"State", Shown.text(job, "state")
                + (job.path("cancelRequested").asBoolean() ? " (cancel requested)" : "")});
        fields.add(new String[] {"GPUs", Shown.jobGpus(job) + " in pool " + Shown.text(spec, "pool")});
        fields.add(new String[] {"Workload", workload(spec.path("workload"))});
        fields.add(new String[] {"Submitted", Shown.time(job, "submittedAt")});
        fields.add(new String[] {"Started", Shown.time(job, "startedAt")});
        fields.add(new String[] {"Finished", Shown.time(job, "finishedAt")});
        fields.add(new String[] {"Allocation", Shown.allocation(job)});
        fields.add(new String[] {"Exit code", Shown.text(job, "exitCode")});
        fields.add(new String[] {"Reason", Shown.text(job, "reason")});
        fields.add(new String[] {"Est. start", estimatedStart(job)});
        for (String[] field : fields) {
            if (!field[1].isBlank()) {
                out().printf("%-11s %s%n", field[0] + ":", field[1]);
            }
        }
        JsonNode attempts = job.path("attempts");
        if (attempts.size() > 1) { // one attempt is what the fields above already say
            out().println("Attempts:");
            Table table = new Table("#", "NODES", "STARTED", "ENDED", "OUTCOME", "EXIT", "REASON");
            for (JsonNode attempt : attempts) {
                table.row(Shown.text(attempt, "attempt"), Shown.allocation(attempt), Shown.time(attempt, "startedAt"),
                        Shown.time(attempt, "endedAt"), Shown.text(attempt, "outcome"), Shown.text(attempt, "exitCode"),
                        Shown.text(attempt, "reason"));
            }
            table.print(out(), "  ");
        }
        JsonNode events = client.events(id).path("events");
        if (!events.isEmpty()) {
            out().println("Events:");
            Table table = new Table("AT", "EVENT", "STATE", "DETAIL");
            for (JsonNode event : events) {
                table.row(Shown.time(event, "at"), Shown.text(event, "event"), Shown.text(event, "state"),
                        Shown.text(event, "detail"));
            }
            table.print(out(), "  ");
        }
    }

    /** A pending job's estimated start with its 10-90% range; empty when the scheduler cannot tell. */
    private static String estimatedStart(JsonNode job) {
        if (!job.hasNonNull("estimatedStart")) {
            return "";
        }
        JsonNode range = job.path("estimatedStartRange");
        return Shown.time(job, "estimatedStart") + (range.hasNonNull("earliest")
                ? " (10-90% range " + Shown.time(range, "earliest") + " to " + Shown.time(range, "latest") + ")" : "");
    }

    /** {@code process: sh -c 'echo hi'}, {@code simulated: 120 s}, or the kind alone. */
    private static String workload(JsonNode workload) {
        String kind = Shown.text(workload, "kind");
        if (workload.has("command")) {
            List<String> words = new ArrayList<>();
            workload.get("command").forEach(word -> words.add(word.asText().contains(" ")
                    ? "'" + word.asText() + "'" : word.asText()));
            return kind + ": " + String.join(" ", words);
        }
        return workload.has("seconds") ? kind + ": " + workload.get("seconds").asText() + " s" : kind;
    }
}
