package org.gantry.scheduler.control.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.service.Caller;
import org.gantry.api.service.JobExplanation;
import org.gantry.api.service.JobPage;
import org.gantry.api.service.JobQuery;
import org.gantry.api.service.JobDetails;
import org.gantry.api.service.JobService;
import org.gantry.api.service.SubmitPreview;
import org.gantry.api.service.QueuePage;
import org.gantry.api.service.QueueQuery;
import org.gantry.api.service.ServiceException;
import org.gantry.scheduler.control.JobGateway;
import org.gantry.scheduler.control.SchedulerCommand;
import org.gantry.scheduler.control.SubmitGate;
import org.gantry.scheduler.control.SubmitRules;
import org.gantry.scheduler.control.job.JobCommand;
import org.gantry.scheduler.control.job.FreshJobs;
import org.gantry.scheduler.control.job.JobAttempts;
import org.gantry.scheduler.control.job.JobHistory;
import org.gantry.scheduler.control.job.JobReply;
import org.gantry.scheduler.control.secret.SecretSeal;

/**
 * Jobs over the entities (the truth about one job), the job table (lists) and the scheduler
 * (queue, reasons).
 * A job another tenant owns is answered as not found, so ids do not leak across tenants. The
 * entities, not this service, tell the scheduler what changed (a fresh job's first event aside,
 * see {@link FreshJobs}).
 */
public final class ControlJobService implements JobService {
    private final JobGateway entities;
    /** Where a keyless submit's first event goes without its entity; null: through the entity. */
    private final FreshJobs freshJobs;
    private final ActorRef<SchedulerCommand> scheduler;
    private final SubmitGate submitGate;
    private final JobEvents events;
    private final JobListing listing;
    private final Asking asking;
    private final DatasetRequirement datasets;
    private final SecretSeal seal;
    private final JournalSpace journalSpace;

    /** The shortest id prefix looked up: "j-" alone would name every job. */
    private static final int MIN_PREFIX = 4;
    private static final int AMBIGUOUS_SHOWN = 5;
    /** When a tenant at its cap on waiting jobs may try again: jobs start in passes, seconds apart at most. */
    private static final java.time.Duration PENDING_CAP_RETRY = java.time.Duration.ofSeconds(10);
    /** When a caller refused for a full disk may try again: space comes back when an operator frees it. */
    private static final java.time.Duration FULL_DISK_RETRY = java.time.Duration.ofSeconds(5);

    ControlJobService(JobGateway entities, FreshJobs freshJobs, ActorRef<SchedulerCommand> scheduler,
                      SubmitGate submitGate, JobEvents events, JobListing listing, Asking asking,
                      DatasetRequirement datasets, SecretSeal seal, JournalSpace journalSpace) {
        this.seal = seal;
        this.journalSpace = journalSpace;
        this.entities = entities;
        this.freshJobs = freshJobs;
        this.scheduler = scheduler;
        this.submitGate = submitGate;
        this.events = events;
        this.listing = listing;
        this.asking = asking;
        this.datasets = datasets;
    }

    @Override
    public CompletionStage<Submitted> submit(Caller caller, JobSpec spec, Optional<String> idempotencyKey) {
        if (spec.tenant() == null || !caller.mayActFor(spec.tenant())) {
            return CompletableFuture.failedFuture(new ServiceException.Forbidden(
                    "a tenant token submits only for its own tenant"));
        }
        String shortage = journalSpace.shortage();
        if (shortage != null) {
            return CompletableFuture.failedFuture(cannotStore("the job was not accepted", shortage));
        }
        JobId id = idempotencyKey.map(key -> JobIds.forKey(spec.tenant(), key)).orElseGet(JobIds::random);
        // Sealed here, so the entity, its journal and everything after it hold no plain secret value.
        JobSpec sealed = seal.seal(spec);
        // One trip when the published rules accept: the entity persists, answers, and tells the scheduler;
        // under a fresh random id, its first event is written without starting it.
        return admissible(spec, id, idempotencyKey)
                .thenCompose(checked -> datasetAvailable(spec, id, idempotencyKey))
                .thenCompose(checked -> freshJobs != null && idempotencyKey.isEmpty()
                        ? freshJobs.submit(id, sealed, Instant.now())
                        : asking.<JobCommand, JobReply>ask(entities.entity(id),
                                replyTo -> new JobCommand.Submit(sealed, idempotencyKey.orElse(null), Instant.now(),
                                        replyTo), "a submit"))
                .thenApply(reply -> {
                    if (reply instanceof JobReply.Accepted accepted) {
                        // The entity compares a repeat without its secret values (each sealing differs): they are
                        // compared here, opened.
                        if (!accepted.changed() && !seal.sameSecrets(accepted.job().spec(), spec)) {
                            throw new ServiceException.Conflict("idempotency key '" + idempotencyKey.orElse("")
                                    + "' was used for a job with other secret values");
                        }
                        listing.told(accepted.job().tenant());
                        SubmitRules rules = submitGate.rules();
                        return new Submitted(accepted.job(), accepted.changed(),
                                rules == null ? List.of() : rules.warnings(spec));
                    }
                    throw new ServiceException.Conflict(reply instanceof JobReply.Refused refused ? refused.reason()
                            : "job " + id + " could not be created");
                });
    }

    private static ServiceException.Unavailable cannotStore(String outcome, String shortage) {
        return new ServiceException.Unavailable(outcome + ": the control plane cannot write it down now, "
                + shortage + "; send it again then", FULL_DISK_RETRY);
    }

    @Override
    public CompletionStage<SubmitPreview> preview(Caller caller, JobSpec spec) {
        if (spec.tenant() == null || !caller.mayActFor(spec.tenant())) {
            return CompletableFuture.failedFuture(new ServiceException.Forbidden(
                    "a tenant token submits only for its own tenant"));
        }
        JobId unused = JobIds.random(); // no idempotency key: the id is never asked about
        return admissible(spec, unused, Optional.empty())
                .thenCompose(checked -> datasetAvailable(spec, unused, Optional.empty()))
                .thenCompose(checked -> asking.<SchedulerCommand, SchedulerCommand.PreviewAnswer>ask(scheduler,
                        replyTo -> new SchedulerCommand.Preview(seal.seal(spec), replyTo), "a dry run"))
                .thenApply(SchedulerCommand.PreviewAnswer::preview);
    }

    /**
     * A new job must name an existing tenant and a known pool, and its tenant must be below its
     * cap on waiting jobs. The rules this node's scheduler published answer without a trip; a
     * refusal, or no rules here, is confirmed by the scheduler itself, as the rules may be a
     * moment old (a tenant created an instant ago). A repeat of an accepted submit gets that job
     * back even if the tenant or pool changed since: only a new job is checked against them.
     */
    private CompletionStage<Void> admissible(JobSpec spec, JobId id, Optional<String> idempotencyKey) {
        SubmitRules rules = submitGate.rules();
        if (rules != null && rules.problem(spec.tenant(), spec.pool()) == null
                && rules.pendingProblem(spec.tenant()) == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<Boolean> repeat = idempotencyKey.isEmpty() ? CompletableFuture.completedFuture(false)
                : asking.<JobCommand, JobReply>ask(entities.entity(id), JobCommand.Get::new, "a submit")
                        .thenApply(known -> !(known instanceof JobReply.Unknown));
        return repeat.thenCompose(known -> known ? CompletableFuture.completedFuture(null) : asking
                .<SchedulerCommand, SchedulerCommand.SubmitCheck>ask(scheduler,
                        replyTo -> new SchedulerCommand.CheckSubmit(spec.tenant(), spec.pool(), replyTo), "a submit")
                .thenAccept(check -> {
                    if (check.problem() != null) {
                        throw new ServiceException.Invalid(check.problem());
                    }
                    if (check.overPendingCap() != null) {
                        throw new ServiceException.TooManyRequests(check.overPendingCap(), PENDING_CAP_RETRY);
                    }
                }));
    }

    /**
     * The uploaded dataset a new job trains on is there and has its target. A repeat of an accepted
     * submit gets its job back even if the dataset went since, as with tenants and pools.
     */
    private CompletionStage<Void> datasetAvailable(JobSpec spec, JobId id, Optional<String> idempotencyKey) {
        return datasets.check(spec).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (idempotencyKey.isEmpty() || !(cause instanceof ServiceException.Invalid)) {
                return CompletableFuture.failedFuture(cause);
            }
            return asking.<JobCommand, JobReply>ask(entities.entity(id), JobCommand.Get::new, "a submit")
                    .thenCompose(known -> known instanceof JobReply.Unknown
                            ? CompletableFuture.failedFuture(cause) : CompletableFuture.completedFuture(null));
        });
    }

    @Override
    public CompletionStage<Job> get(Caller caller, JobId id) {
        return asking.<JobCommand, JobReply>ask(entities.entity(id), JobCommand.Get::new, "a job lookup")
                .thenApply(reply -> visible(caller, id, reply));
    }

    @Override
    public CompletionStage<JobId> resolve(Caller caller, String idOrPrefix) {
        if (JobIds.isWhole(idOrPrefix)) { // the common case: no table read, and a job submitted a moment ago is found
            return CompletableFuture.completedFuture(JobId.of(idOrPrefix));
        }
        if (idOrPrefix.length() < MIN_PREFIX) {
            return CompletableFuture.failedFuture(new ServiceException.NotFound("no job '" + idOrPrefix
                    + "' (a short id needs at least " + MIN_PREFIX + " characters, e.g. j-mx4k)"));
        }
        return listing.idsStartingWith(caller, idOrPrefix, AMBIGUOUS_SHOWN + 1).thenApply(ids -> {
            if (ids.isEmpty()) {
                throw new ServiceException.NotFound("no job '" + idOrPrefix + "'");
            }
            if (ids.size() > 1) {
                String some = ids.stream().limit(AMBIGUOUS_SHOWN).map(JobId::value)
                        .collect(java.util.stream.Collectors.joining(", "));
                throw new ServiceException.Conflict("'" + idOrPrefix + "' is the start of several jobs' ids ("
                        + some + (ids.size() > AMBIGUOUS_SHOWN ? ", …" : "") + "): give more of it");
            }
            return ids.get(0);
        });
    }

    @Override
    public CompletionStage<JobDetails> details(Caller caller, JobId id) {
        return get(caller, id).thenCompose(job -> events.of(id)
                .thenApply(log -> new JobDetails(job, JobMentions.scopedAttempts(caller, id, JobAttempts.of(log))))
                .thenCompose(details -> withEstimate(details, job)));
    }

    /**
     * A pending job's details with the start the scheduler last forecast for it (read from the latest
     * background forecast, as explain answers it). A scheduler that does not answer costs the estimate only,
     * not the job.
     */
    private CompletionStage<JobDetails> withEstimate(JobDetails details, Job job) {
        if (job.state() != JobState.PENDING) {
            return CompletableFuture.completedFuture(details);
        }
        return asking.<SchedulerCommand, SchedulerCommand.ExplainAnswer>ask(
                        scheduler, replyTo -> new SchedulerCommand.Explain(job.id(), replyTo), "an explain")
                .thenApply(answer -> details.withEstimate(answer.explanation()))
                .exceptionally(failure -> details);
    }

    /** The job, if it exists and the caller may see it; otherwise not found. */
    private Job visible(Caller caller, JobId id, JobReply reply) {
        Job job = reply instanceof JobReply.Accepted accepted ? accepted.job()
                : reply instanceof JobReply.Refused refused ? refused.job() : null;
        if (job == null || !caller.mayActFor(job.tenant())) {
            throw new ServiceException.NotFound("no job '" + id + "'");
        }
        listing.told(job.tenant());
        return JobMentions.scoped(caller, job);
    }

    @Override
    public CompletionStage<JobPage> list(Caller caller, JobQuery query) {
        JobQuery scoped = query;
        if (caller instanceof Caller.Tenant tenant) {
            if (query.tenant() != null && !query.tenant().equals(tenant.tenant())) {
                return CompletableFuture.failedFuture(new ServiceException.Forbidden(
                        "a tenant token lists only its own tenant's jobs"));
            }
            scoped = new JobQuery(query.state(), tenant.tenant(), query.cursor(), query.limit());
        }
        return listing.page(caller, scoped).thenApply(page -> caller instanceof Caller.Tenant ? new JobPage(
                page.jobs().stream().map(job -> JobMentions.scoped(caller, job)).toList(), page.nextCursor()) : page);
    }

    @Override
    public CompletionStage<Job> cancel(Caller caller, JobId id) {
        String by = caller instanceof Caller.Tenant tenant ? "tenant " + tenant.tenant() : "an admin";
        String shortage = journalSpace.shortage();
        if (shortage != null) {
            return CompletableFuture.failedFuture(cannotStore("the job was not cancelled", shortage));
        }
        return get(caller, id).thenCompose(job -> asking.<JobCommand, JobReply>ask(entities.entity(id),
                replyTo -> new JobCommand.Cancel(by, Instant.now(), replyTo), "a cancel")).thenApply(reply -> {
                    if (reply instanceof JobReply.Refused refused) {
                        throw new ServiceException.Conflict(refused.reason());
                    }
                    return visible(caller, id, reply);
                });
    }

    @Override
    public CompletionStage<List<JobHistoryEntry>> history(Caller caller, JobId id) {
        return get(caller, id).thenCompose(job -> events.of(id)).thenApply(JobHistory::entries)
                .thenApply(entries -> JobMentions.scopedHistory(caller, id, entries));
    }

    @Override
    public CompletionStage<JobExplanation> explain(Caller caller, JobId id) {
        return get(caller, id).thenCompose(job -> asking.<SchedulerCommand, SchedulerCommand.ExplainAnswer>ask(
                scheduler, replyTo -> new SchedulerCommand.Explain(id, replyTo), "an explain")
                .thenApply(answer -> JobMentions.scoped(caller, answer.explanation() != null ? answer.explanation()
                        : new JobExplanation(id, job.state(), job.state().name(), String.valueOf(job.reason()), null,
                                null))));
    }

    @Override
    public CompletionStage<QueuePage> queue(Caller caller, QueueQuery query) {
        var tenant = caller instanceof Caller.Tenant own ? own.tenant() : null;
        return asking.<SchedulerCommand, SchedulerCommand.QueueAnswer>ask(scheduler,
                replyTo -> new SchedulerCommand.GetQueue(tenant, query, replyTo), "a queue listing")
                .thenApply(answer -> {
                    QueuePage page = answer.page();
                    return new QueuePage(JobMentions.scoped(caller, page.queue()), page.total(), page.nextOffset());
                });
    }
}
