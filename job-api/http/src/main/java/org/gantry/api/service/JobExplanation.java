package org.gantry.api.service;

import java.time.Instant;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobState;

/**
 * Why a job is where it is. For a pending job: the stage that held it back ({@code reason},
 * one of the policy's pending reasons such as {@code QUOTA} or {@code INSUFFICIENT_GPUS}),
 * the numbers behind it ({@code detail}), its place in the queue and, when the scheduler can
 * tell, an estimated start. For any other state, what happened last.
 */
public record JobExplanation(JobId id, JobState state, String reason, String detail, Integer queuePosition,
                             Instant estimatedStart) {}
