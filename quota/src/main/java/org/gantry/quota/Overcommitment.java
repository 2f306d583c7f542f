package org.gantry.quota;

import org.gantry.api.cluster.PoolId;

/** A pool whose guarantees add up to more GPUs than it has. */
public record Overcommitment(PoolId pool, long guaranteed, int capacity) {
    public String message() {
        return "pool '" + pool + "' guarantees " + guaranteed + " GPUs to its tenants but has " + capacity
                + ": when all claim their guarantee, " + (guaranteed - capacity) + " GPUs' worth will wait";
    }
}
