package org.gantry.api.service;

import java.time.Instant;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobState;

/**
 * Why a job is where it is. For a pending job: the stage that held it back ({@code reason},
 * one of the policy's pending reasons such as {@code QUOTA} or {@code INSUFFICIENT_GPUS}),
 * the numbers behind it ({@code detail}), its place in the queue and, when the scheduler can
 * tell, an estimated start and its 10–90 % range (the queue run forward in the background with
 * predicted durations; absent until the first forecast, and for a job that can never start).
 * For any other state, what happened last.
 */
public record JobExplanation(JobId id, JobState state, String reason, String detail, Integer queuePosition,
                             Instant estimatedStart, StartRange estimatedStartRange) {
    /** An explanation without a forecast range. */
    public JobExplanation(JobId id, JobState state, String reason, String detail, Integer queuePosition,
                          Instant estimatedStart) {
        this(id, state, reason, detail, queuePosition, estimatedStart, null);
    }
}
