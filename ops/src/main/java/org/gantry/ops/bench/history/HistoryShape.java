package org.gantry.ops.bench.history;

import java.nio.file.Path;

/**
 * What {@code gantry bench history} writes: how many jobs in each stage, over how many tenants,
 * placed on the nodes {@code gantry up --nodes N --gpus-per-node G} runs.
 */
public record HistoryShape(Path dataDir, int finished, int pending, int running, int tenants, int nodes,
                           int gpusPerNode, long seed) {

    public HistoryShape {
        if (finished < 0 || pending < 0 || running < 0) {
            throw new IllegalArgumentException("--finished, --pending and --running must be >= 0");
        }
        if (tenants < 1) {
            throw new IllegalArgumentException("--tenants must be >= 1, got " + tenants);
        }
        if (nodes < 1 || gpusPerNode < 1) {
            throw new IllegalArgumentException("--nodes and --gpus-per-node must be >= 1");
        }
    }

    public int jobs() {
        return finished + pending + running;
    }
}
