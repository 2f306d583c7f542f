package org.gantry.scheduler.control.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobState;
import org.gantry.scheduler.control.Persisted;

/**
 * What happened to a job: its event log is the job's source of truth. These records are the
 * journal's schema ({@link Persisted}): the spec is the journal's own {@link StoredSpec}, and
 * the only API types inside are {@code NodeId} and {@code JobState}, written as the plain
 * strings the stable interface fixes. Every change is a version bump with a migration
 * ({@link SubmittedMigration}).
 */
public sealed interface JobEvent extends Persisted {

    Instant at();

    record Submitted(StoredSpec spec, String idempotencyKey, Instant at) implements JobEvent {}

    record Scheduled(int attempt, Map<NodeId, List<Integer>> allocation, Instant at) implements JobEvent {}

    record Started(int attempt, Instant at) implements JobEvent {}

    record SuspendRequested(int attempt, String reason, Instant at) implements JobEvent {}

    /**
     * An elastic job's attempt is being checkpointed and stopped to restart at another width on
     * {@code to}; {@code reason} says from what width to what and why. Its exit is {@link Resized}.
     */
    record ResizeRequested(int attempt, Map<NodeId, List<Integer>> to, String reason, Instant at)
            implements JobEvent {}

    /**
     * The resized attempt stopped: attempt {@code attempt} (the stopped one + 1) is placed on
     * {@code allocation} at once, keeping the job's place instead of queueing it again.
     */
    record Resized(int attempt, Map<NodeId, List<Integer>> allocation, String reason, Instant at)
            implements JobEvent {}

    record CancelRequested(String by, Instant at) implements JobEvent {}

    /** Back to PENDING; {@code retry} is true when a failed run spends one of {@code maxRetries}. */
    record Requeued(int attempt, String reason, boolean retry, Instant at) implements JobEvent {}

    /**
     * The object store holds a new checkpoint of the job, shipped by attempt {@code attempt}: step
     * {@code step} (the store's numbering), {@code sizeBytes} packed, stored at {@code at}. May
     * follow any stage: a last checkpoint is stored before its attempt's exit is reported, a
     * periodic one may land just after.
     */
    record CheckpointSaved(int attempt, long step, long sizeBytes, Instant at) implements JobEvent {}

    /**
     * Attempt {@code attempt} of a training job finished these epochs (in order, each newer than
     * any the events told before for that attempt). May follow any stage, like a checkpoint.
     */
    record Progressed(int attempt, List<EpochFacts> epochs, Instant at) implements JobEvent {}

    /** The end: {@code outcome} is SUCCEEDED, FAILED or CANCELLED. */
    record Finished(int attempt, JobState outcome, Integer exitCode, String reason, Instant at) implements JobEvent {}
}
