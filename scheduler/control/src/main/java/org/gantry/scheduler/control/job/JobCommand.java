package org.gantry.scheduler.control.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.protocol.ExitCause;

/**
 * What a {@link JobEntity} is asked to do. Every command is idempotent: repeating one that
 * already took effect answers {@link JobReply.Accepted} with {@code changed} false and
 * persists nothing. Lifecycle commands name the attempt they are about; one about an older
 * attempt changes nothing.
 */
public sealed interface JobCommand extends ClusterMessage {

    ActorRef<JobReply> replyTo();

    /** Create the job. The reply comes after {@link JobEvent.Submitted} is durable. */
    record Submit(JobSpec spec, String idempotencyKey, Instant at, ActorRef<JobReply> replyTo) implements JobCommand {}

    record Get(ActorRef<JobReply> replyTo) implements JobCommand {}

    /** A user cancels: pending jobs end at once; jobs holding GPUs end once their workload stops. */
    record Cancel(String by, Instant at, ActorRef<JobReply> replyTo) implements JobCommand {}

    /** The scheduler placed the job: attempt {@code attempt} (the previous one + 1) on these GPUs. */
    record Schedule(int attempt, Map<NodeId, List<Integer>> allocation, Instant at, ActorRef<JobReply> replyTo)
            implements JobCommand {}

    /** The agent(s) report the workload of this attempt up (through the scheduler). */
    record MarkStarted(int attempt, Instant at, ActorRef<JobReply> replyTo) implements JobCommand {}

    /** The scheduler preempts, resizes or drains: checkpoint and stop, then requeue. */
    record Suspend(int attempt, String reason, Instant at, ActorRef<JobReply> replyTo) implements JobCommand {}

    /**
     * The scheduler resizes an elastic job: checkpoint and stop this attempt, then restart it as
     * the next attempt on {@code allocation} (GPUs the view already booked for it), without
     * going back to the queue. {@code why} is the policy's reason ("grown into 2 idle GPUs").
     */
    record Resize(int attempt, Map<NodeId, List<Integer>> allocation, String why, Instant at,
                  ActorRef<JobReply> replyTo) implements JobCommand {}

    /** The workload of this attempt ended; the entity decides success, failure, retry, requeue or cancel. */
    record MarkExited(int attempt, int exitCode, ExitCause cause, String message, Instant at,
                      ActorRef<JobReply> replyTo) implements JobCommand {}

    /** The object store stored a checkpoint shipped by this attempt; an older step than the known one changes nothing. */
    record RecordCheckpoint(int attempt, long step, long sizeBytes, Instant at, ActorRef<JobReply> replyTo)
            implements JobCommand {}

    /** The agent reports these epochs of a training attempt; those already known change nothing. */
    record RecordProgress(int attempt, List<TrainingProgress> epochs, Instant at, ActorRef<JobReply> replyTo)
            implements JobCommand {}

    /**
     * This attempt is gone without an exit to report (its node was lost, or it never started):
     * back to the queue, without spending a retry.
     */
    record Requeue(int attempt, String reason, Instant at, ActorRef<JobReply> replyTo) implements JobCommand {}
}
