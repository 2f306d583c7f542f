package org.gantry.scheduler.policy;

import org.gantry.api.job.JobId;

/**
 * Checkpoint a running job, release its GPUs and requeue it, so that {@code beneficiary} can start.
 * {@code reason} is in words for the victim's record; {@code code} names the rule that allowed it
 * ({@link org.gantry.scheduler.policy.reclaim.VictimRule#code}), one of a few, so metrics can count by it.
 */
public record Preemption(JobId victim, JobId beneficiary, String code, String reason) {
    /** A code for a preemption no named rule allowed. */
    public static final String OTHER = "other";
}
