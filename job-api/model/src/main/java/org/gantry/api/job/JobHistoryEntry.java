package org.gantry.api.job;

import java.time.Instant;

/**
 * One step of a job's life, as {@code GET /jobs/{id}/events} lists it.
 *
 * @param event  what happened, e.g. {@code Submitted}, {@code Scheduled}, {@code Started}, {@code Requeued}
 * @param state  the state the job was in afterwards
 * @param detail a human-readable account: the nodes and GPUs, the exit code, the reason
 */
public record JobHistoryEntry(Instant at, String event, JobState state, String detail) {}
