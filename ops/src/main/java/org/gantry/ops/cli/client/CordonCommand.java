package org.gantry.ops.cli.client;

import org.gantry.api.service.ClusterService.NodeAction;
import picocli.CommandLine.Command;

/** {@code gantry cordon NODE}. */
@Command(name = "cordon",
        header = "Close a node to new jobs; the jobs on it keep running.",
        description = {
            "Cordons NODE (POST /api/v1/nodes/NODE/cordon, admin only): the scheduler places nothing new " +
            "there; running jobs continue. gantry uncordon opens it again.",
            ""},
        footer = {"", "Example:",
            "  gantry cordon node-1"},
        mixinStandardHelpOptions = true)
public final class CordonCommand extends NodeActionCommand {
    @Override
    NodeAction action() {
        return NodeAction.CORDON;
    }
}
