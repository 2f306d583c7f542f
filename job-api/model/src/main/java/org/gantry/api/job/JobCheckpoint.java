package org.gantry.api.job;

import java.time.Instant;
import java.util.Objects;

/**
 * A job's newest checkpoint in the control plane's store: the next attempt, on any node,
 * starts from it. In JSON: {@code {"at", "sizeBytes", "attempt", "step"}}.
 *
 * @param at        when the store had all of it
 * @param sizeBytes its packed size
 * @param attempt   the attempt that shipped it
 * @param step      the store's number for it among the job's checkpoints (newer is larger)
 */
public record JobCheckpoint(Instant at, long sizeBytes, int attempt, long step) {
    public JobCheckpoint {
        Objects.requireNonNull(at, "at");
    }
}
