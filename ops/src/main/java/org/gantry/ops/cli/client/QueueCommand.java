package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry queue}: GET /queue, squeue style. */
@Command(name = "queue",
        header = "List pending jobs in scheduling order, with why each waits and when it should start.",
        description = {
            "Lists the pending jobs this token may see (GET /api/v1/queue) in the order the scheduler will " +
            "consider them: position, job, tenant, pool, GPUs asked for, how long it has waited, the reason " +
            "it waits (quota, capacity, a reservation ahead of it…) and its estimated start (empty when the " +
            "scheduler cannot tell). Running jobs are in gantry jobs --state RUNNING.",
            ""},
        footer = {"", "Examples:",
            "  gantry queue",
            "  gantry queue --pool a100 -o json"},
        mixinStandardHelpOptions = true)
public final class QueueCommand extends ClientCommand {
    @Option(names = "--pool", paramLabel = "POOL", description = "Only this pool's jobs.")
    String pool;

    @Override
    void run(GantryClient client) throws Exception {
        JsonNode answer = client.queue();
        if (pool != null) {
            var kept = mapper().createArrayNode();
            answer.path("queue").forEach(entry -> {
                if (pool.equals(Shown.text(entry, "pool"))) {
                    kept.add(entry);
                }
            });
            answer = mapper().createObjectNode().set("queue", kept);
        }
        if (json) {
            printJson(answer);
            return;
        }
        if (answer.path("queue").isEmpty()) {
            out().println(pool == null ? "No pending jobs." : "No pending jobs in pool " + pool + ".");
            return;
        }
        Instant now = Instant.now();
        Table table = new Table("POS", "ID", "TENANT", "NAME", "POOL", "GPUS", "WAITING", "EST. START", "REASON");
        for (JsonNode entry : answer.path("queue")) {
            table.row(Shown.text(entry, "position"), Shown.text(entry, "id"), Shown.text(entry, "tenant"),
                    Shown.text(entry, "name"), Shown.text(entry, "pool"), Shown.text(entry, "gpus"),
                    Shown.age(entry, "submittedAt", now), estimated(entry, now), Shown.text(entry, "reason"));
        }
        table.print(out());
    }

    /** {@code in 5m}, {@code now}, or {@code -} when unknown. */
    private static String estimated(JsonNode entry, Instant now) {
        if (Shown.text(entry, "estimatedStart").isEmpty()) {
            return "-";
        }
        Instant at = Instant.parse(Shown.text(entry, "estimatedStart"));
        if (!at.isAfter(now)) {
            return "now";
        }
        // Shown.age counts from a past instant; mirror it to say how far ahead.
        var mirrored = mapper().createObjectNode().put("at", now.minus(java.time.Duration.between(now, at)).toString());
        return "in " + Shown.age(mirrored, "at", now);
    }
}
