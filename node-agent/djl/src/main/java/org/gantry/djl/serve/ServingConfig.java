package org.gantry.djl.serve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.gantry.api.json.GantryJson;

/**
 * One serving replica, as the agent writes it to a JSON file for {@link ServeMain}: the model
 * directory (fetched by the agent), the name and version to answer with, and where to listen
 * ({@code port} 0 for any free one). The bearer token comes from the environment, never a file.
 */
public record ServingConfig(Path modelDir, String model, int version, int replica, String host, int port,
                            int maxBatchRows) {
    /** Rows one forward pass takes at most when concurrent requests are batched. */
    public static final int DEFAULT_MAX_BATCH_ROWS = 4_096;
    public static final String TOKEN_ENV = "GANTRY_SERVE_TOKEN";

    public ServingConfig {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(host, "host");
        maxBatchRows = maxBatchRows <= 0 ? DEFAULT_MAX_BATCH_ROWS : maxBatchRows;
    }

    public static ServingConfig read(Path file) throws IOException {
        return GantryJson.mapper().copy().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readValue(file.toFile(), ServingConfig.class);
    }
}
