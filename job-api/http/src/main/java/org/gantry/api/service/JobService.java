package org.gantry.api.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;

/**
 * Jobs as tenants see them. Every method fails its stage with a {@link ServiceException} for
 * the caller's mistakes; a job the caller may not see is reported as not found.
 */
public interface JobService {

    /**
     * Accepts a job; the stage completes only once the job is durable. {@code spec.tenant()} is
     * already the caller's (the REST layer fills it in). With an idempotency key, a repeat of
     * the same submit returns the first job ({@code created} false); the key reused for a
     * different spec is a {@link ServiceException.Conflict}.
     */
    CompletionStage<Submitted> submit(Caller caller, JobSpec spec, Optional<String> idempotencyKey);

    CompletionStage<Job> get(Caller caller, JobId id);

    /**
     * A dry run of {@link #submit}: the same checks, nothing stored, and where the job would go
     * and when it would start if submitted now.
     */
    CompletionStage<SubmitPreview> preview(Caller caller, JobSpec spec);

    /**
     * The job a path segment names: a whole id as it is, or the one job the caller may see whose
     * id starts with it (as {@code git} and {@code docker} take a short id). Not found when it
     * names none; a {@link ServiceException.Conflict} listing them when it names several.
     */
    default CompletionStage<JobId> resolve(Caller caller, String idOrPrefix) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(new JobId(idOrPrefix));
        } catch (IllegalArgumentException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new ServiceException.NotFound("no job '" + idOrPrefix + "'"));
        }
    }

    /** {@code GET /jobs/{id}}: the job (secrets masked) with every attempt it had. */
    CompletionStage<JobDetails> details(Caller caller, JobId id);

    CompletionStage<JobPage> list(Caller caller, JobQuery query);

    /** Cancels a job: at once when pending, after its workload stops when running. Cancelling a finished job is a conflict. */
    CompletionStage<Job> cancel(Caller caller, JobId id);

    CompletionStage<List<JobHistoryEntry>> history(Caller caller, JobId id);

    CompletionStage<JobExplanation> explain(Caller caller, JobId id);

    /** One page of the pending queue in scheduling order, limited to what the caller may see. */
    CompletionStage<QueuePage> queue(Caller caller, QueueQuery query);

    /** The first (default-sized) page's entries. */
    default CompletionStage<List<QueueEntry>> queue(Caller caller) {
        return queue(caller, QueueQuery.FIRST).thenApply(QueuePage::queue);
    }

    /**
     * The outcome of a submit: the job, whether this call created it, and warnings about it that
     * did not stop it being accepted (it can never start as submitted, say).
     */
    record Submitted(Job job, boolean created, List<String> warnings) {
        public Submitted {
            warnings = List.copyOf(warnings);
        }

        public Submitted(Job job, boolean created) {
            this(job, created, List.of());
        }
    }
}
