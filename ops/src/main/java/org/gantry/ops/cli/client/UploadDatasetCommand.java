package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry upload-dataset NAME FILE}: PUT /datasets/{name} with the file streamed from disk. */
@Command(name = "upload-dataset",
        header = "Upload a CSV file as a dataset that djl-train jobs can name.",
        description = {
            "Streams FILE to PUT /api/v1/datasets/NAME. The server checks it as it arrives: a header of distinct " +
            "column names, then rows of numbers (an empty cell, NA or NaN is a missing value). A bad file is " +
            "refused whole, naming its line and column; nothing is stored. Uploading to an existing NAME " +
            "replaces it once the new file proved valid. The largest file taken is gantry.datasets.max-bytes " +
            "(1 GiB by default). Then submit a job with \"workload\": {\"kind\": \"djl-train\", " +
            "\"dataset\": \"NAME\", \"target\": \"COLUMN\", ...}.",
            ""},
        footer = {"", "Examples:",
            "  gantry upload-dataset houses houses.csv",
            "  gantry upload-dataset houses houses.csv --json",
            "  gantry upload-dataset houses houses.csv --tenant vision   (the admin's token: for whom)"},
        mixinStandardHelpOptions = true)
public final class UploadDatasetCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME",
            description = "The dataset's name: lower-case letters, digits and '-'.")
    private String name;

    @Parameters(index = "1", paramLabel = "FILE", description = "The CSV file to upload.")
    private Path file;

    @Option(names = "--tenant", paramLabel = "NAME", description = "Whose dataset, with the admin's token.")
    private String tenant;

    @Override
    void run(GantryClient client) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot read " + file + ": no such file");
        }
        JsonNode dataset = client.uploadDataset(name, file, tenant);
        if (json) {
            printJson(dataset);
            return;
        }
        DatasetPrint.describe(out(), dataset);
    }
}
