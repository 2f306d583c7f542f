package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gantry.api.client.GantryClient;
import org.gantry.api.client.Submitted;
import org.gantry.api.json.GantryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry deploy MODEL}: submits the djl-serve job that serves a model. */
@Command(name = "deploy",
        header = "Serve a trained model: submits a djl-serve job; prints its id.",
        description = {
            "Submits {\"name\": \"MODEL-serve\", \"type\": \"INFERENCE\", \"gpus\": 1, \"workload\": {\"kind\": " +
            "\"djl-serve\", \"model\": MODEL, \"replicas\": N}}: N replicas of the model's newest version (or " +
            "--version), one GPU each, until the job is cancelled. Predictions then go to " +
            "POST /api/v1/models/MODEL/predict, answered by the ready replica with the fewest requests outstanding.",
            ""},
        footer = {"", "Examples:",
            "  gantry deploy houses --replicas 2",
            "  gantry deploy houses --version 3 --tenant vision   (the admin's token)",
            "  gantry cancel $(gantry deploy houses)              (and stop serving)"},
        mixinStandardHelpOptions = true)
public final class DeployCommand extends ClientCommand {
    @Parameters(paramLabel = "MODEL", description = "The model's name.")
    private String model;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1", description = "Replicas (default: ${DEFAULT-VALUE}).")
    private int replicas;

    @Option(names = "--version", paramLabel = "N", description = "Serve this version rather than the newest.")
    private Integer version;

    @Option(names = "--tenant", paramLabel = "NAME", description = "Whose model, with the admin's token.")
    private String tenant;

    @Option(names = "--name", paramLabel = "NAME", description = "The job's name (default: MODEL-serve).")
    private String name;

    @Override
    void run(GantryClient client) throws Exception {
        ObjectNode job = GantryJson.mapper().createObjectNode();
        job.put("name", name != null ? name : model + "-serve");
        if (tenant != null) {
            job.put("tenant", tenant);
        }
        job.put("type", "INFERENCE");
        job.put("gpus", 1);
        ObjectNode workload = job.putObject("workload");
        workload.put("kind", "djl-serve");
        workload.put("model", model);
        workload.put("replicas", replicas);
        if (version != null) {
            workload.put("version", version);
        }
        Submitted submitted = client.submit(GantryJson.mapper().writeValueAsString(job), null);
        if (json) {
            printJson(submitted.job());
        } else {
            out().println(submitted.id());
        }
    }
}
