package org.gantry.scheduler.control.projection;

import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.control.job.JobLifecycle;

/**
 * One job as the projection last left it: the stage its events fold to, and the sequence number
 * of the last event folded in, so an event read twice (a restart between the row and its
 * offset, or a catch-up over rows already newer) is applied once.
 */
public record JobRow(JobId id, long seqNr, JobLifecycle.Known stage) {

    public Job view() {
        return stage.view(id);
    }
}
