package org.gantry.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violations;

/** Reads {@code gpus}: a count ({@code 4}) for a fixed job, or {@code {"min": 2, "max": 8}} for an elastic one. */
final class GpuRequestReader {
    private static final List<String> FIELDS = List.of("min", "max");

    private GpuRequestReader() {}

    static ReadResult<GpuRequest> read(JsonNode node) {
        Violations violations = new Violations();
        TreeReader reader = new TreeReader(violations);
        At at = At.root(node);
        if (!at.present()) {
            reader.report(at.path(), "is required");
        }
        GpuRequest gpus = read(reader, at);
        return violations.result(() -> gpus);
    }

    static GpuRequest read(TreeReader reader, At at) {
        if (!at.present()) {
            return null;
        }
        if (at.node().isNumber()) {
            Integer count = count(reader, at);
            return count == null ? null : GpuRequest.fixed(count);
        }
        if (!at.node().isObject()) {
            reader.report(at.path(), "must be a GPU count like 4 or a range like {\"min\": 2, \"max\": 8}, got "
                    + Quoting.kindOf(at.node()));
            return null;
        }
        Fields range = reader.object(at);
        range.allowOnly(FIELDS);
        Integer min = count(reader, range.required("min"));
        Integer max = count(reader, range.required("max"));
        if (min == null || max == null) {
            return null;
        }
        if (min > max) {
            reader.report(at.path(), "min (" + min + ") must not exceed max (" + max + ")");
            return null;
        }
        return GpuRequest.elastic(min, max);
    }

    private static Integer count(TreeReader reader, At at) {
        return reader.integer(at, 1, GpuRequest.MAX_GPUS);
    }
}
