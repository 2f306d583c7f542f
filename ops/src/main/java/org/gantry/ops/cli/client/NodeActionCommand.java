package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.gantry.api.client.GantryClient;
import org.gantry.api.service.ClusterService.NodeAction;
import picocli.CommandLine.Parameters;

/** {@code cordon}, {@code drain} and {@code uncordon}: the same call with a different action (admin only). */
abstract class NodeActionCommand extends ClientCommand {
    @Parameters(paramLabel = "NODE", description = "The node's name, as gantry nodes lists it.")
    private String node;

    abstract NodeAction action();

    @Override
    void run(GantryClient client) throws Exception {
        JsonNode answer = client.nodeAction(node, action());
        if (json) {
            printJson(answer);
            return;
        }
        out().println(Shown.text(answer, "id") + " " + Shown.text(answer, "status"));
    }
}
