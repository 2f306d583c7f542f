package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One dataset in words, as {@code datasets NAME} and {@code upload-dataset} print it. */
final class DatasetPrint {
    private DatasetPrint() {}

    static void describe(PrintWriter out, JsonNode dataset) {
        List<String> columns = new ArrayList<>();
        dataset.path("columns").forEach(column -> columns.add(column.asText()));
        out.printf(Locale.ROOT, "Dataset %s (tenant %s): %d rows, %d bytes, created %s%n", Shown.text(dataset, "name"),
                Shown.text(dataset, "tenant"), dataset.path("rows").asLong(), dataset.path("bytes").asLong(),
                Shown.text(dataset, "createdAt"));
        out.printf(Locale.ROOT, "  columns: %s%n", String.join(", ", columns));
        out.printf(Locale.ROOT, "  sha256:  %s%n", Shown.text(dataset, "sha256"));
    }
}
