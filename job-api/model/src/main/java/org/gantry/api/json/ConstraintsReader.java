package org.gantry.api.json;

import java.util.List;
import java.util.Map;
import org.gantry.api.job.JobLimits;
import org.gantry.api.job.PlacementConstraints;

/** Reads {@code constraints}: where a job may run beyond its pool. */
final class ConstraintsReader {
    private static final List<String> FIELDS = List.of("gpuModel", "minGpuMemoryMiB", "nodeSelector");

    private ConstraintsReader() {}

    static PlacementConstraints read(TreeReader reader, At at) {
        Fields fields = reader.object(at);
        if (fields == null) {
            return null;
        }
        int mark = reader.mark();
        fields.allowOnly(FIELDS);
        String gpuModel = reader.text(fields.optional("gpuModel"), JobLimits.MAX_GPU_MODEL_LENGTH);
        Long minMemory = reader.wholeNumber(fields.optional("minGpuMemoryMiB"), 1, Long.MAX_VALUE);
        Map<String, String> selector = StringMapRules.LABELS.read(reader, fields.optional("nodeSelector"));
        return reader.cleanSince(mark)
                ? new PlacementConstraints(gpuModel, minMemory == null ? 0 : minMemory, selector)
                : null;
    }
}
