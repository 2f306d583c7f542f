package org.gantry.api.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.api.service.DemandReport;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violation;

/** Reads {@code GET /pools/{pool}/demand}'s {@code nodes} and {@code gpusPerNode}: both or neither. */
final class DemandParams {
    private DemandParams() {}

    static ReadResult<DemandReport.Query> read(Map<String, String> params) {
        List<Violation> errors = new ArrayList<>();
        Integer nodes = number(params, "nodes", DemandReport.Query.MAX_NODES, errors);
        Integer gpus = number(params, "gpusPerNode", DemandReport.Query.MAX_GPUS_PER_NODE, errors);
        if (errors.isEmpty() && (nodes == null) != (gpus == null)) {
            String missing = nodes == null ? "nodes" : "gpusPerNode";
            errors.add(new Violation(missing, "is required with '" + (nodes == null ? "gpusPerNode" : "nodes")
                    + "': ask for N more nodes of G GPUs, e.g. ?nodes=2&gpusPerNode=8"));
        }
        return errors.isEmpty()
                ? new ReadResult.Ok<>(new DemandReport.Query(nodes == null ? 0 : nodes, gpus == null ? 0 : gpus))
                : new ReadResult.Invalid<>(errors);
    }

    private static Integer number(Map<String, String> params, String name, int max, List<Violation> errors) {
        String text = params.get(name);
        if (text == null) {
            return null;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > max) {
            errors.add(new Violation(name, "must be a whole number from 1 to " + max + ", got '" + text + "'"));
            return null;
        }
        return value;
    }
}
