package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.client.GantryClient;
import org.gantry.api.job.JobState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

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
    /** The server's largest page (GET /jobs?limit). */
    private static final int MAX_LIMIT = 1000;

    @Option(names = "--state", paramLabel = "STATE",
            description = "Only jobs in this state: ${COMPLETION-CANDIDATES}.")
    private JobState state;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant's jobs.")
    private String tenant;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N jobs (1 to 1000; default: the server's page, 100); with --all, the page size.")
    private Integer limit;

    @Option(names = "--all", description = "Every matching job, following the pages' nextCursor.")
    private boolean all;

    @Override
    void run(GantryClient client) throws Exception {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) { // say so here, not after a round trip
            throw new ParameterException(spec.commandLine(),
                    "--limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        String state = this.state == null ? null : this.state.name();
        List<JsonNode> jobs;
        JsonNode answer;
        if (all) {
            jobs = client.allJobs(state, tenant, limit != null ? limit : MAX_LIMIT);
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
        boolean wide = wide();
        Table table = wide
                ? new Table("ID", "STATE", "TENANT", "NAME", "TYPE", "POOL", "GPUS", "PRIO", "ATTEMPT", "AGE", "RUNNING",
                        "NODES")
                : new Table("ID", "STATE", "TENANT", "NAME", "GPUS", "AGE", "NODES");
        for (JsonNode job : jobs) {
            JsonNode spec = job.path("spec");
            if (wide) {
                String running = job.hasNonNull("startedAt") && !job.hasNonNull("finishedAt")
                        ? Shown.age(job, "startedAt", now) : "";
                table.row(Shown.text(job, "id"), Shown.text(job, "state"), Shown.text(job, "tenant"),
                        Shown.text(job, "name"), Shown.text(spec, "type"), Shown.text(spec, "pool"), Shown.jobGpus(job),
                        Shown.text(spec, "priority"), Shown.text(job, "attempt"), Shown.age(job, "submittedAt", now),
                        running, Shown.allocation(job));
            } else {
                table.row(Shown.text(job, "id"), Shown.text(job, "state"), Shown.text(job, "tenant"),
                        Shown.text(job, "name"), Shown.jobGpus(job), Shown.age(job, "submittedAt", now),
                        Shown.allocation(job));
            }
        }
        table.print(out());
    }
}
