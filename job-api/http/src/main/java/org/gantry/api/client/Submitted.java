package org.gantry.api.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to a submit: the job, and whether this request created it (201) or repeated an
 * earlier submit with the same {@code Idempotency-Key} (200, the first job).
 */
public record Submitted(JsonNode job, boolean created) {
    public String id() {
        return job.path("id").asText();
    }
}
