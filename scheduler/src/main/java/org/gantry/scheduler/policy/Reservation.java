package org.gantry.scheduler.policy;

import java.util.BitSet;
import org.gantry.api.job.JobId;

/**
 * GPUs promised to a waiting job: from {@code start} it gets {@code nodes} (indexes into the
 * snapshot's node list). Backfill may use those nodes only with jobs that end before then.
 */
public record Reservation(JobId job, long start, BitSet nodes) {
    public Reservation {
        nodes = (BitSet) nodes.clone();
    }

    @Override
    public BitSet nodes() {
        return (BitSet) nodes.clone();
    }
}
