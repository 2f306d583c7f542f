package org.gantry.ops.cli.client;

import org.gantry.api.service.ClusterService.NodeAction;
import picocli.CommandLine.Command;

/** {@code gantry drain NODE}. */
@Command(name = "drain",
        header = "Close a node and move its jobs away (checkpoint, requeue).",
        description = {
            "Drains NODE (POST /api/v1/nodes/NODE/drain, admin only): closed to new jobs like cordon, and " +
            "its running jobs are checkpointed and requeued to run elsewhere. gantry uncordon opens it again.",
            ""},
        footer = {"", "Example:",
            "  gantry drain node-1"},
        mixinStandardHelpOptions = true)
public final class DrainCommand extends NodeActionCommand {
    @Override
    NodeAction action() {
        return NodeAction.DRAIN;
    }
}
