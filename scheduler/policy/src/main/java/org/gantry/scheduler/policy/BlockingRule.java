package org.gantry.scheduler.policy;

/**
 * Stage 5, reserve: what a job that is admitted but finds no room does to the jobs behind it.
 * Strict first-in-first-out holds them all back; reservation with backfill promises the job
 * GPUs at its earliest start and lets others use them only if they finish before then;
 * greedy lets anything that fits start. A rule holds later jobs back by closing the pool
 * ({@link PassState#closePool}).
 */
public interface BlockingRule {
    /** The job was admitted but found no room: record what that means for later jobs, and explain its wait. */
    Explanation onNoRoom(PendingJob job, int gpus, PassState state);
}
