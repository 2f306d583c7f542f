package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;

/** {@code gantry pools}: GET /pools, sinfo style. */
@Command(name = "pools",
        header = "List the pools: nodes, GPUs, free GPUs, running and pending jobs, guaranteed GPUs.",
        description = {
            "Lists every pool (GET /api/v1/pools): its nodes, healthy GPUs and how many are free, the jobs " +
            "running and pending there and the GPUs the pending ones ask for, and the GPUs its tenants are " +
            "guaranteed in total. A pool whose guarantees exceed its GPUs is marked OVER and a warning on " +
            "stderr says by how much: not every tenant can have its guarantee at once.",
            ""},
        footer = {"", "Examples:",
            "  gantry pools",
            "  gantry pools -o json"},
        mixinStandardHelpOptions = true)
public final class PoolsCommand extends ClientCommand {
    @Override
    void run(GantryClient client) throws Exception {
        JsonNode answer = client.pools();
        if (json) {
            printJson(answer);
            return;
        }
        if (answer.path("pools").isEmpty()) {
            out().println("No pools.");
            return;
        }
        Table table = new Table("POOL", "NODES", "GPUS", "FREE", "RUNNING", "PENDING", "PENDING GPUS", "GUARANTEED");
        List<JsonNode> warnings = new ArrayList<>();
        for (JsonNode pool : answer.path("pools")) {
            boolean over = pool.path("overcommitted").asBoolean();
            table.row(Shown.text(pool, "id"), pool.path("nodes").asInt(), pool.path("gpus").asInt(),
                    pool.path("freeGpus").asInt(), pool.path("runningJobs").asInt(), pool.path("pendingJobs").asInt(),
                    pool.path("pendingGpus").asInt(), pool.path("guaranteed").asLong() + (over ? " OVER" : ""));
            if (over) {
                warnings.add(mapper().getNodeFactory().textNode("pool '" + Shown.text(pool, "id") + "' guarantees "
                        + pool.path("guaranteed").asLong() + " GPUs to its tenants but has " + pool.path("gpus").asInt()));
            }
        }
        table.print(out());
        Warnings.print(out(), err(), warnings);
    }
}
