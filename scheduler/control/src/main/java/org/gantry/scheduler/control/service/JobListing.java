package org.gantry.scheduler.control.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.gantry.api.service.JobPage;
import org.gantry.api.service.JobQuery;
import org.gantry.api.service.ServiceException;
import org.gantry.scheduler.control.projection.ProjectionProgress;

/**
 * {@code GET /jobs} pages read from the job table on the blocking-I/O dispatcher, never through
 * the scheduler: once the table holds every job event committed when the request came, so a job
 * accepted a moment ago is listed.
 */
final class JobListing {
    private final ProjectionProgress jobTable;
    private final Executor blocking;
    private final Duration timeout;

    JobListing(ProjectionProgress jobTable, Executor blocking, Duration timeout) {
        this.jobTable = jobTable;
        this.blocking = blocking;
        this.timeout = timeout;
    }

    CompletionStage<JobPage> page(JobQuery query) {
        return jobTable.caughtUp(timeout)
                .handle((caughtUp, failure) -> {
                    if (failure != null) {
                        throw new ServiceException.Unavailable(jobTable.whyBehind() + "; retry in a moment");
                    }
                    return caughtUp;
                })
                .thenApplyAsync(caughtUp -> {
                    try {
                        return jobTable.table().page(query);
                    } catch (IllegalArgumentException badCursor) {
                        throw new ServiceException.Invalid(badCursor.getMessage());
                    }
                }, blocking);
    }
}
