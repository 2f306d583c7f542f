package org.gantry.scheduler.control.job;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.service.ServiceException;
import org.gantry.scheduler.control.SchedulerCommand;
import org.gantry.scheduler.control.job.JobRules.Decision;
import org.gantry.storage.journal.JournalAppender;

/**
 * Submits a job whose id was drawn at random a moment ago without starting its entity: the
 * entity's rules decide, its first event goes straight into the journal, and the scheduler is
 * told, as the entity itself would have done. Starting an entity costs Pekko Persistence a
 * recovery and a reading of its plugin configuration (a fifth of a submit's CPU, measured under
 * 64 clients), and a job that only waits needs none: its entity starts when the job first changes,
 * and recovers this event like any other.
 *
 * <p>Safe only because nothing can have written or started anything under a fresh random id yet;
 * a submit with an idempotency key (a repeat may race it) goes through the entity. For the
 * job's first event only, this is its one notifier, as the entity is for the rest.
 */
public final class FreshJobs {
    /** Where a first event goes: {@link JournalAppender#appendFirst} on this node's journal. */
    @FunctionalInterface
    public interface FirstEvents {
        CompletableFuture<Void> appendFirst(String persistenceId, Object event, Set<String> tags);
    }

    private final FirstEvents journal;
    private final ActorRef<SchedulerCommand.JobChanged> scheduler;
    /** Where the answer is made: off the store's one writer thread, which completes the write. */
    private final Executor answering;

    public FreshJobs(FirstEvents journal, ActorRef<SchedulerCommand.JobChanged> scheduler, Executor answering) {
        this.journal = journal;
        this.scheduler = scheduler;
        this.answering = answering;
    }

    /** What the entity would answer the submit, once the event is durable. */
    public CompletionStage<JobReply> submit(JobId id, JobSpec spec, Instant at) {
        JobLifecycle empty = new JobLifecycle.Empty();
        Decision decision = JobRules.onEmpty(new JobCommand.Submit(spec, null, at, null));
        if (!(decision instanceof Decision.Persist persist)) {
            String reason = decision instanceof Decision.Refuse refuse ? refuse.reason() : "not a new job";
            return CompletableFuture.completedFuture(new JobReply.Refused(empty.view(id), reason));
        }
        JobLifecycle submitted = empty.apply(persist.event());
        return journal.appendFirst(JobEntity.persistenceId(id).id(), persist.event(), JobEntity.TAGS)
                .handleAsync((done, failure) -> {
                    if (failure != null) {
                        // No 201: a 503 now, where the entity's failed persist ends in an ask timeout (503) later.
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw new ServiceException.Unavailable("the job could not be stored, so it was not "
                                + "accepted: " + cause.getMessage() + "; submit it again once the control plane "
                                + "can write (see its log)");
                    }
                    var job = submitted.view(id);
                    scheduler.tell(new SchedulerCommand.JobChanged(job));
                    return new JobReply.Accepted(job, true);
                }, answering);
    }
}
