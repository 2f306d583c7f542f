package org.gantry.ops.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code gantry bench restart} starts {@code gantry up} on a data directory and what it asks.
 *
 * @param requests how many {@code GET /jobs} to time, for each of the two listings
 * @param timeout  the longest to wait for ready, and then for scheduling to resume
 */
public record RestartOptions(Path dataDir, int nodes, int gpusPerNode, int port, int requests,
                             List<String> jvmOptions, Duration timeout) {
    public RestartOptions {
        jvmOptions = List.copyOf(jvmOptions);
        if (requests < 1) {
            throw new IllegalArgumentException("--requests must be >= 1, got " + requests);
        }
    }
}
