package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry jobs}: GET /jobs, newest first. */
@Command(name = "jobs",
        header = "List jobs, newest first.",
        description = {
            "Lists the jobs this token may see (a tenant's token: its own), newest first, from GET /api/v1/jobs. " +
            "Without --all it shows one page of at most --limit jobs and says on stderr when there are more.",
            ""},
        footer = {"", "Examples:",
            "  gantry jobs",
            "  gantry jobs --state RUNNING --tenant vision",
            "  gantry jobs --all --json"},
        mixinStandardHelpOptions = true)
public final class JobsCommand extends ClientCommand {
    @Option(names = "--state", paramLabel = "STATE",
            description = "Only jobs in this state: PENDING, SCHEDULED, RUNNING, SUSPENDING, SUCCEEDED, FAILED, CANCELLED.")
    private String state;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant's jobs.")
    private String tenant;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N jobs (1 to 1000; default: the server's page, 100); with --all, the page size.")
    private Integer limit;

    @Option(names = "--all", description = "Every matching job, following the pages' nextCursor.")
    private boolean all;

    @Override
    void run(GantryClient client) throws Exception {
        List<JsonNode> jobs;
        JsonNode answer;
        if (all) {
            jobs = client.allJobs(state, tenant, limit != null ? limit : 1000);
            ObjectNode wrapped = mapper().createObjectNode();
            wrapped.putArray("jobs").addAll(jobs);
            answer = wrapped;
        } else {
            answer = client.jobs(state, tenant, limit, null);
            jobs = new ArrayList<>();
            answer.path("jobs").forEach(jobs::add);
        }
        if (json) {
            printJson(answer);
            return;
        }
        if (jobs.isEmpty()) {
            out().println("No jobs.");
        } else {
            table(jobs);
        }
        if (answer.hasNonNull("nextCursor")) {
            err().println("(more jobs: --all lists every one)");
            err().flush();
        }
    }

    private void table(List<JsonNode> jobs) {
        Instant now = Instant.now();
        Table table = new Table("ID", "STATE", "TENANT", "NAME", "GPUS", "AGE", "NODES");
        for (JsonNode job : jobs) {
            table.row(Shown.text(job, "id"), Shown.text(job, "state"), Shown.text(job, "tenant"),
                    Shown.text(job, "name"), Shown.gpus(job.path("spec")), Shown.age(job, "submittedAt", now),
                    Shown.allocation(job));
        }
        table.print(out());
    }
}
