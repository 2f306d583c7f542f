package org.gantry.api.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.gantry.api.json.GantryJson;

/**
 * A {@code djl-serve} replica is ready: it serves model version {@code version} on {@code port}.
 * The replica prints one {@link #toLine() line} on stdout when it is; the agent, reading the
 * child's output, picks it out with {@link #fromLine} and reports the replica's endpoint.
 */
public record ServingReady(int replica, int port, int version) {
    public static final String PREFIX = "GANTRY_SERVING ";

    public ServingReady {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [1, 65535], got " + port);
        }
    }

    public String toLine() {
        try {
            return PREFIX + GantryJson.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ready record always serialises", e);
        }
    }

    /** What a line says; empty for any other line, and for a line with the prefix that does not parse. */
    public static Optional<ServingReady> fromLine(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(GantryJson.mapper().readValue(line.substring(PREFIX.length()).strip(),
                    ServingReady.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
