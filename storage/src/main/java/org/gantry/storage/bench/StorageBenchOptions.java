package org.gantry.storage.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code gantry bench storage} measures.
 *
 * @param workDir where the benchmark's throwaway data directories go (deleted afterwards)
 * @param perPoint how long each throughput point is measured, after a warm-up of a third of it
 * @param writers the concurrent writer counts to measure
 * @param objectBytes size of each checkpoint written and read back
 * @param objectCount checkpoints written per layout (the store keeps the last two)
 */
public record StorageBenchOptions(Path workDir, Duration perPoint, List<Integer> writers, long objectBytes,
        int objectCount) {

    public StorageBenchOptions {
        writers = List.copyOf(writers);
        if (writers.isEmpty() || writers.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("writer counts must be positive, were " + writers);
        }
        if (objectCount < 1 || objectBytes < 1) {
            throw new IllegalArgumentException("need at least one object of at least one byte");
        }
    }

    public static StorageBenchOptions defaults(Path workDir) {
        return new StorageBenchOptions(workDir, Duration.ofSeconds(3), List.of(1, 16, 64), 256L << 20, 6);
    }
}
