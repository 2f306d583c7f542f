package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry datasets [NAME]}: GET /datasets, or one dataset; {@code --delete} removes it. */
@Command(name = "datasets",
        header = "List uploaded datasets, show one, or delete one.",
        description = {
            "Without a name: the datasets of your tenant (GET /api/v1/datasets), with their rows, columns and " +
            "size. With a name: that dataset in full, including its SHA-256 (compare it with sha256sum of " +
            "your file). A djl-train job names one as \"dataset\"; upload with gantry upload-dataset.",
            ""},
        footer = {"", "Examples:",
            "  gantry datasets",
            "  gantry datasets houses --json",
            "  gantry datasets houses --delete",
            "  gantry datasets --tenant vision        (the admin's token: whose datasets)"},
        mixinStandardHelpOptions = true)
public final class DatasetsCommand extends ClientCommand {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A dataset's name.")
    private String name;

    @Option(names = "--delete", description = "Delete the named dataset (jobs already running keep their copy).")
    private boolean delete;

    @Option(names = "--tenant", paramLabel = "NAME", description = "Whose datasets, with the admin's token.")
    private String tenant;

    @Override
    void run(GantryClient client) throws Exception {
        if (delete) {
            if (name == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--delete needs the NAME of the dataset to delete");
            }
            client.deleteDataset(name, tenant);
            out().println("Deleted dataset " + name + ".");
            return;
        }
        if (name != null) {
            JsonNode dataset = client.dataset(name, tenant);
            if (json) {
                printJson(dataset);
                return;
            }
            DatasetPrint.describe(out(), dataset);
            return;
        }
        JsonNode answer = client.datasets(tenant);
        if (json) {
            printJson(answer);
            return;
        }
        if (answer.path("datasets").isEmpty()) {
            out().println("No datasets yet: upload one with gantry upload-dataset NAME FILE.");
            return;
        }
        Table table = new Table("DATASET", "TENANT", "ROWS", "COLUMNS", "BYTES", "CREATED");
        for (JsonNode dataset : answer.path("datasets")) {
            List<String> columns = new ArrayList<>();
            dataset.path("columns").forEach(column -> columns.add(column.asText()));
            table.row(Shown.text(dataset, "name"), Shown.text(dataset, "tenant"), dataset.path("rows").asText(),
                    String.join(",", columns), dataset.path("bytes").asText(), Shown.text(dataset, "createdAt"));
        }
        table.print(out());
    }
}
