package org.gantry.scheduler.control.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gantry.api.job.CheckpointPolicy;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads {@link JobEvent.Submitted} as older builds wrote it. Version 1 embedded the API's
 * JobSpec: {@code gpus} a number or {@code {min, max}}, {@code constraints} an object left out
 * when empty, {@code checkpoint} {@code {intervalSeconds}} or null. Version 2 is {@link StoredSpec};
 * version 3 adds its {@code checkpointGraceSeconds}; version 4 its {@code memory} and {@code cpus},
 * left out when the job has none, as every job before it had; version 5 its {@code failOnNodeLoss},
 * left out when false, as it was for every job before.
 * Bound in {@code reference.conf} under {@code pekko.serialization.jackson.migrations}.
 */
public final class SubmittedMigration extends JacksonMigration {

    @Override
    public int currentVersion() {
        return 5;
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        if (fromVersion < 2) {
            specFromV1((ObjectNode) json.get("spec"));
        }
        if (fromVersion < 3) {
            // Before version 3 every checkpointing job had the default grace period.
            ObjectNode spec = (ObjectNode) json.get("spec");
            spec.put("checkpointGraceSeconds", spec.path("checkpointSeconds").asLong(0) == 0 ? 0
                    : CheckpointPolicy.DEFAULT_GRACE_PERIOD.toSeconds());
        }
        return json;
    }

    private static void specFromV1(ObjectNode spec) {
        JsonNode gpus = spec.remove("gpus");
        spec.put("minGpus", gpus.isNumber() ? gpus.asInt() : gpus.get("min").asInt());
        spec.put("maxGpus", gpus.isNumber() ? gpus.asInt() : gpus.get("max").asInt());
        JsonNode constraints = spec.remove("constraints");
        if (constraints != null && constraints.isObject()) {
            spec.set("gpuModel", constraints.get("gpuModel"));
            spec.put("minGpuMemoryMiB", constraints.path("minGpuMemoryMiB").asLong(0));
            spec.set("nodeSelector", constraints.get("nodeSelector"));
        }
        JsonNode checkpoint = spec.remove("checkpoint");
        spec.put("checkpointSeconds", checkpoint == null ? 0 : checkpoint.path("intervalSeconds").asLong(0));
    }
}
