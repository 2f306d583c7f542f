package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry models [NAME]}: GET /models, or one model's newest (or a given) version. */
@Command(name = "models",
        header = "List trained models, or show one.",
        description = {
            "Without a name: the newest version of each model (GET /api/v1/models), with the job that trained " +
            "it and its validation MAE. With a name: that model's newest version, or --version N, in full " +
            "(target, features, metrics). Each successful djl-train job adds a version of its model.",
            ""},
        footer = {"", "Examples:",
            "  gantry models",
            "  gantry models houses",
            "  gantry models houses --version 2 -o json",
            "  gantry models --tenant vision          (the admin's token: whose models)"},
        mixinStandardHelpOptions = true)
public final class ModelsCommand extends ClientCommand {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A model's name.")
    private String name;

    @Option(names = "--version", paramLabel = "N", description = "That version instead of the newest.")
    private Integer version;

    @Option(names = "--tenant", paramLabel = "NAME", description = "Whose models, with the admin's token.")
    private String tenant;

    @Override
    void run(GantryClient client) throws Exception {
        if (name != null) {
            JsonNode model = client.model(name, tenant, version);
            if (json) {
                printJson(model);
                return;
            }
            out().printf(Locale.ROOT, "%s version %d (tenant %s), trained by job %s at %s%n", Shown.text(model, "name"),
                    model.path("version").asInt(), Shown.text(model, "tenant"), Shown.text(model, "job"),
                    Shown.text(model, "createdAt"));
            out().printf(Locale.ROOT, "  predicts %s from %s%n", Shown.text(model, "target"), model.path("features"));
            out().printf(Locale.ROOT, "  validation MAE %.4f, MSE %.4f%n",
                    model.path("metrics").path("validationMae").asDouble(),
                    model.path("metrics").path("validationMse").asDouble());
            return;
        }
        JsonNode answer = client.models(tenant);
        if (json) {
            printJson(answer);
            return;
        }
        if (answer.path("models").isEmpty()) {
            out().println("No models yet: a djl-train job saves one when it succeeds.");
            return;
        }
        Table table = new Table("MODEL", "VERSION", "TENANT", "JOB", "TARGET", "VALIDATION MAE", "CREATED");
        for (JsonNode model : answer.path("models")) {
            table.row(Shown.text(model, "name"), model.path("version").asText(), Shown.text(model, "tenant"),
                    Shown.text(model, "job"), Shown.text(model, "target"),
                    String.format(Locale.ROOT, "%.4f", model.path("metrics").path("validationMae").asDouble()),
                    Shown.text(model, "createdAt"));
        }
        table.print(out());
    }
}
