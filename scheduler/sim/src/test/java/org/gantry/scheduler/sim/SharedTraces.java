package org.gantry.scheduler.sim;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's real traces in {@code shared/traces}, walking up from the working directory. */
final class SharedTraces {
    private SharedTraces() {}

    static Path file(String name) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path traces = dir.resolve("shared").resolve("traces");
            if (Files.isDirectory(traces)) {
                Path file = traces.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException("found " + traces + " but it has no " + name);
                }
                return file;
            }
        }
        throw new IllegalStateException("no shared/traces folder in " + start + " or any folder above it; the trace "
                + "tests need the project's shared/traces (see shared/traces/README.md) beside the checkout");
    }
}
