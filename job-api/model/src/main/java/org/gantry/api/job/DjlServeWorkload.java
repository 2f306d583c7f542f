package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gantry.api.Names;

/**
 * Serves a trained model from {@code replicas} replicas, one GPU each, until cancelled:
 * {@code POST /api/v1/models/{model}/predict} is routed to the ready ones. {@code version} pins
 * a model version; null serves the newest one when each replica starts. In JSON:
 * {@code {"kind": "djl-serve", "model": "houses", "replicas": 2}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DjlServeWorkload(String model, Integer version, int replicas) implements Workload {
    public static final String KIND = "djl-serve";
    public static final int MAX_REPLICAS = 64;

    public DjlServeWorkload {
        Names.require(model, "model name");
        if (version != null && version < 1) {
            throw new IllegalArgumentException("model versions start at 1, got " + version);
        }
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be between 1 and " + MAX_REPLICAS + ", got " + replicas);
        }
    }

    @Override
    public DjlServeWorkload redacted() {
        return this;
    }
}
