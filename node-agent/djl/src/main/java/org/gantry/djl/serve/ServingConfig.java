package org.gantry.djl.serve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.gantry.api.json.GantryJson;

/**
 * The serving replicas of one node, as the agent writes them to a JSON file for {@link ServeMain}:
 * the model directory (fetched by the agent), the name and version to answer with, the replicas'
 * indices within the job (one listener each, on a free port of {@code host}). The bearer token
 * comes from the environment, never a file.
 */
public record ServingConfig(Path modelDir, String model, int version, List<Integer> replicas, String host,
                            int maxBatchRows) {
    /** Rows one forward pass takes at most when concurrent requests are batched. */
    public static final int DEFAULT_MAX_BATCH_ROWS = 4_096;
    public static final String TOKEN_ENV = "GANTRY_SERVE_TOKEN";

    public ServingConfig {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(host, "host");
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a serving process needs at least one replica");
        }
        maxBatchRows = maxBatchRows <= 0 ? DEFAULT_MAX_BATCH_ROWS : maxBatchRows;
    }

    public static ServingConfig read(Path file) throws IOException {
        return GantryJson.mapper().copy().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readValue(file.toFile(), ServingConfig.class);
    }
}
