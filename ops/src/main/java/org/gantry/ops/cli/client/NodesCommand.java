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
            "(READY, CORDONED, DRAINING, LOST), its GPUs and how many are free, the jobs on it, and when " +
            "its agent last reported.",
            ""},
        footer = {"", "Example:",
            "  gantry nodes"},
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
        Instant now = Instant.now();
        Table table = new Table("NODE", "POOL", "STATUS", "GPUS", "FREE", "MODEL", "JOBS", "SEEN");
        for (JsonNode node : answer.path("nodes")) {
            table.row(Shown.text(node, "id"), Shown.text(node, "pool"), Shown.text(node, "status"),
                    Shown.text(node, "gpus"), Shown.text(node, "freeGpus"), Shown.text(node, "gpuModel"),
                    node.path("jobs").size(), Shown.age(node, "lastSeen", now).isEmpty() ? ""
                            : Shown.age(node, "lastSeen", now) + " ago");
        }
        table.print(out());
    }
}
