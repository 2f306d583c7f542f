package org.gantry.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobAttempt;

/**
 * One job as {@code GET /jobs/{id}} shows it: the job's own fields, then {@code attempts}, each
 * placement it had (where, when, how it ended), as the job's {@code startedAt} and
 * {@code allocation} tell only the latest ({@code []} before the first). Lists of jobs leave
 * the attempts out.
 */
public record JobDetails(@JsonUnwrapped Job job, @JsonInclude(JsonInclude.Include.ALWAYS) List<JobAttempt> attempts) {
    public JobDetails {
        job = job.redacted();
        attempts = List.copyOf(attempts);
    }
}
