package org.gantry.api.service;

import java.util.List;
import org.gantry.api.job.Job;

/** One page of jobs; {@code nextCursor} is null on the last page. */
public record JobPage(List<Job> jobs, String nextCursor) {
    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
