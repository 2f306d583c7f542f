package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            "scheduler cannot tell). With -o wide it adds the 10-90%% range of that start. Running " +
            "jobs are in gantry jobs --state RUNNING.",
            ""},
        footer = {"", "Examples:",
            "  gantry queue",
            "  gantry queue -o wide",
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
        boolean wide = wide();
        // The range would push the reason off an 80-column terminal: it is wide output's.
        Table table = wide
                ? new Table("POS", "ID", "TENANT", "NAME", "POOL", "GPUS", "WAITING", "EST. START", "10-90% RANGE",
                        "REASON")
                : new Table("POS", "ID", "TENANT", "NAME", "POOL", "GPUS", "WAITING", "EST. START", "REASON");
        for (JsonNode entry : answer.path("queue")) {
            List<String> cells = new ArrayList<>(List.of(Shown.text(entry, "position"), Shown.text(entry, "id"),
                    Shown.text(entry, "tenant"), Shown.text(entry, "name"), Shown.text(entry, "pool"),
                    Shown.text(entry, "gpus"), Shown.age(entry, "submittedAt", now),
                    Shown.ahead(entry, "estimatedStart", now)));
            if (wide) {
                cells.add(Shown.range(entry.path("estimatedStartRange"), now));
            }
            cells.add(Shown.text(entry, "reason"));
            table.row(cells.toArray(String[]::new));
        }
        table.print(out());
    }
}
