package org.gantry.api.job;

import java.time.Instant;
import java.util.List;

/**
 * One step of a job's life, as {@code GET /jobs/{id}/events} lists it.
 *
 * @param event  what happened, e.g. {@code Submitted}, {@code Scheduled}, {@code Started}, {@code Requeued}
 * @param state  the state the job was in afterwards
 * @param detail a human-readable account: the nodes and GPUs, the exit code, the reason
 * @param epochs the epochs a {@code Progressed} event reports, as figures (the dashboard draws its
 *               loss and MAE curves from them); null for every other event
 */
public record JobHistoryEntry(Instant at, String event, JobState state, String detail, List<TrainingProgress> epochs) {
    public JobHistoryEntry {
        epochs = epochs == null ? null : List.copyOf(epochs);
    }

    /** An entry without figures: every event but {@code Progressed}. */
    public JobHistoryEntry(Instant at, String event, JobState state, String detail) {
        this(at, event, state, detail, null);
    }
}
