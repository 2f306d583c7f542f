package org.gantry.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobAttempt;

/**
 * One job as {@code GET /jobs/{id}} shows it: the job's own fields, then {@code attempts}, each
 * placement it had (where, when, how it ended), as the job's {@code startedAt} and
 * {@code allocation} tell only the latest ({@code []} before the first). Lists of jobs leave
 * the attempts out. A pending job also carries the scheduler's latest background estimate of its
 * start ({@code estimatedStart}, {@code estimatedStartRange}), as explain shows it; both are
 * absent when the scheduler cannot tell.
 */
public record JobDetails(@JsonUnwrapped Job job, @JsonInclude(JsonInclude.Include.ALWAYS) List<JobAttempt> attempts,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Instant estimatedStart,
                         @JsonInclude(JsonInclude.Include.NON_NULL) StartRange estimatedStartRange) {
    public JobDetails {
        job = job.redacted();
        attempts = List.copyOf(attempts);
    }

    /** A job without an estimate: it does not wait, or the scheduler cannot tell. */
    public JobDetails(Job job, List<JobAttempt> attempts) {
        this(job, attempts, null, null);
    }

    /** The same job with the estimate that explain gives it (none when the explanation has none). */
    public JobDetails withEstimate(JobExplanation explanation) {
        return explanation == null ? this
                : new JobDetails(job, attempts, explanation.estimatedStart(), explanation.estimatedStartRange());
    }
}
