package org.gantry.ops.cli.client;

import org.gantry.api.service.ClusterService.NodeAction;
import picocli.CommandLine.Command;

/** {@code gantry uncordon NODE}. */
@Command(name = "uncordon",
        header = "Open a cordoned or drained node to new jobs again.",
        description = {
            "Uncordons NODE (POST /api/v1/nodes/NODE/uncordon, admin only): READY again, so the " +
            "scheduler places jobs there.",
            ""},
        footer = {"", "Example:",
            "  gantry uncordon node-1"},
        mixinStandardHelpOptions = true)
public final class UncordonCommand extends NodeActionCommand {
    @Override
    NodeAction action() {
        return NodeAction.UNCORDON;
    }
}
