package org.gantry.ops.cli.node;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.gantry.ops.node.ControlNode;
import org.gantry.scheduler.control.service.AdminToken;

/** What {@code gantry up} prints once it serves: where it is, the admin token, and a first job to paste. */
final class Walkthrough {
    /** The tenant a fresh {@code gantry up} creates, guaranteed every GPU of its simulated nodes. */
    static final String TENANT = "default";

    private Walkthrough() {}

    static void print(PrintWriter out, ControlNode control, int nodes, int gpusPerNode, Path dataDir, Path nodesDir) {
        String url = control.url();
        out.printf("Gantry is up at %s with %d simulated nodes × %d GPUs (data in %s, nodes' work in %s).%n", url,
                nodes, gpusPerNode, dataDir.toAbsolutePath().normalize(), nodesDir);
        boolean fromEnv = System.getenv(AdminToken.ENV) != null;
        String tokenFile = control.adminTokenFile().toAbsolutePath().normalize().toString();
        out.printf("Admin token: %s%n", fromEnv ? "from " + AdminToken.ENV : tokenFile);
        out.println();
        out.println("Submit a first job (tenant '" + TENANT + "'):");
        out.println(fromEnv ? "  export GANTRY_TOKEN=$" + AdminToken.ENV : "  export GANTRY_TOKEN=$(cat " + tokenFile + ")");
        out.printf("  curl -s -X POST %s/api/v1/jobs -H \"Authorization: Bearer $GANTRY_TOKEN\" \\%n", url);
        out.println("    -H 'Content-Type: application/json' \\");
        out.println("    -d '{\"name\":\"hello\",\"tenant\":\"" + TENANT + "\",\"gpus\":1,"
                + "\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"echo hello from GPU $CUDA_VISIBLE_DEVICES\"]}}'");
        out.println("Then:");
        out.printf("  curl -s %s/api/v1/jobs -H \"Authorization: Bearer $GANTRY_TOKEN\"%n", url);
        out.printf("  curl -s %s/api/v1/jobs/ID/logs -H \"Authorization: Bearer $GANTRY_TOKEN\"%n", url);
        out.println("Stop with Ctrl-C.");
        out.flush();
    }
}
