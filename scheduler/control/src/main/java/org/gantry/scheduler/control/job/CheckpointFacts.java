package org.gantry.scheduler.control.job;

import java.time.Instant;
import org.gantry.api.job.JobCheckpoint;

/** A job's newest stored checkpoint, as its events tell it (the journal's own type). */
public record CheckpointFacts(int attempt, long step, long sizeBytes, Instant at) {

    static CheckpointFacts of(JobEvent.CheckpointSaved saved) {
        return new CheckpointFacts(saved.attempt(), saved.step(), saved.sizeBytes(), saved.at());
    }

    JobCheckpoint toApi() {
        return new JobCheckpoint(at, sizeBytes, attempt, step);
    }
}
