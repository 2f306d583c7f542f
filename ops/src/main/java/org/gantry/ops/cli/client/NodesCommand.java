package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;

/** {@code gantry nodes}: GET /nodes. */
@Command(name = "nodes",
        header = "List the GPU nodes: pool, status, free GPUs, what runs there.",
        description = {
            "Lists every GPU node the control plane knows (GET /api/v1/nodes): its pool, its status " +
            "(READY, CORDONED, DRAINING, DRAINED once its jobs are gone, LOST), its GPUs and how many are free, the jobs on it, and when " +
            "its agent last reported. GPUs withheld as unhealthy are not counted in GPUS; -o wide lists " +
            "every GPU with its uuid, utilization, memory, temperature and, when withheld, why, and " +
            "ISOLATION: tenant-uid where the node runs each tenant's jobs under a uid of their own in a " +
            "cgroup, none where jobs run as its agent's user (--json says why).",
            ""},
        footer = {"", "Examples:",
            "  gantry nodes",
            "  gantry nodes -o wide"},
        mixinStandardHelpOptions = true)
public final class NodesCommand extends ClientCommand {
    @Override
    void run(GantryClient client) throws Exception {
        JsonNode answer = client.nodes();
        if (json) {
            printJson(answer);
            return;
        }
        if (answer.path("nodes").isEmpty()) {
            out().println("No nodes.");
            return;
        }
        boolean wide = wide();
        Instant now = Instant.now();
        Table table = wide
                ? new Table("NODE", "POOL", "STATUS", "GPUS", "FREE", "UNHEALTHY", "MODEL", "JOBS", "SEEN", "ISOLATION",
                        "PROBLEM")
                : new Table("NODE", "POOL", "STATUS", "GPUS", "FREE", "MODEL", "JOBS", "SEEN");
        for (JsonNode node : answer.path("nodes")) {
            String seen = Shown.age(node, "lastSeen", now).isEmpty() ? "" : Shown.age(node, "lastSeen", now) + " ago";
            if (wide) {
                table.row(Shown.text(node, "id"), Shown.text(node, "pool"), Shown.text(node, "status"),
                        Shown.text(node, "gpus"), Shown.text(node, "freeGpus"), node.path("unhealthyGpus").asInt(),
                        Shown.text(node, "gpuModel"), node.path("jobs").size(), seen,
                        node.path("isolation").path("mode").asText("-"), Shown.text(node, "gpuProblem"));
            } else {
                table.row(Shown.text(node, "id"), Shown.text(node, "pool"), Shown.text(node, "status"),
                        Shown.text(node, "gpus"), Shown.text(node, "freeGpus"), Shown.text(node, "gpuModel"),
                        node.path("jobs").size(), seen);
            }
        }
        table.print(out());
        if (wide) {
            out().println();
            gpus(answer).print(out());
        }
    }

    /** One row per GPU of every node; what a GPU did not report is shown as '-'. */
    private static Table gpus(JsonNode answer) {
        Table table = new Table("NODE", "GPU", "UUID", "MODEL", "UTIL", "MEMORY", "TEMP", "HEALTH");
        for (JsonNode node : answer.path("nodes")) {
            for (JsonNode gpu : node.path("devices")) {
                String memory = (gpu.has("memoryUsedMiB") ? gpu.path("memoryUsedMiB").asText() : "-") + "/"
                        + gpu.path("memoryMiB").asText() + " MiB";
                String health = gpu.path("healthy").asBoolean() ? "healthy"
                        : "withheld: " + Shown.text(gpu, "reason");
                table.row(Shown.text(node, "id"), Shown.text(gpu, "index"), orDash(gpu, "uuid"),
                        Shown.text(gpu, "model"), gpu.has("utilizationPercent") ? gpu.path("utilizationPercent").asText()
                                + "%" : "-", memory, gpu.has("temperatureC") ? gpu.path("temperatureC").asText() + "C"
                                : "-", health);
            }
        }
        return table;
    }

    private static String orDash(JsonNode node, String field) {
        String text = Shown.text(node, field);
        return text.isEmpty() ? "-" : text;
    }
}
