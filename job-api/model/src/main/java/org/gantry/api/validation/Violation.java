package org.gantry.api.validation;

import java.util.Objects;

/**
 * One problem with a request, at the JSON path of the value at fault ({@code $.gpus.min},
 * {@code $.workload.command[2]}), so a client can point at the exact spot.
 */
public record Violation(String path, String message) {
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
