package org.gantry.scheduler.policy;

import java.util.BitSet;
import org.gantry.api.job.JobId;

/**
 * GPUs promised to a waiting job: from {@code start} it gets {@code nodes} (indexes into the
 * snapshot's node list). Backfill may use those nodes only with jobs that end before then.
 *
 * @param forReclaim a hold on GPUs being shrunk or preempted for the job (start = now), as opposed
 *                   to a backfill reservation at the job's earliest start
 */
public record Reservation(JobId job, long start, BitSet nodes, boolean forReclaim) {
    public Reservation {
        nodes = (BitSet) nodes.clone();
    }

    @Override
    public BitSet nodes() {
        return (BitSet) nodes.clone();
    }
}
