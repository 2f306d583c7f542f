package org.gantry.scheduler.policy;

import org.gantry.api.job.JobId;

/** Checkpoint a running job, release its GPUs and requeue it, so that {@code beneficiary} can start. */
public record Preemption(JobId victim, JobId beneficiary, String reason) {}
