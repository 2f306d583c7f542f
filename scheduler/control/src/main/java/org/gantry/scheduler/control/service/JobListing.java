package org.gantry.scheduler.control.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.gantry.api.job.JobId;
import org.gantry.api.service.Caller;
import org.gantry.api.service.JobPage;
import org.gantry.api.service.JobQuery;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.projection.ProjectionProgress;

/**
 * {@code GET /jobs} pages read from the job table on the blocking-I/O dispatcher, never through
 * the scheduler: once the table holds what the API told the caller ({@link ToldHorizons}), so a
 * job accepted a moment ago is listed to its submitter, while the scheduler's own writes never
 * hold a listing back.
 */
final class JobListing {
    /** Rows a short id is looked for among: a prefix matching more than this is cut off there. */
    private static final int PREFIX_SCAN_ROWS = 1_000;

    private final ProjectionProgress jobTable;
    private final Executor blocking;
    private final Duration timeout;
    private final ToldHorizons told;

    JobListing(ProjectionProgress jobTable, Executor blocking, Duration timeout) {
        this.jobTable = jobTable;
        this.blocking = blocking;
        this.timeout = timeout;
        this.told = new ToldHorizons(jobTable::journalHead);
    }

    /** The API answered about a job of {@code tenant}: later listings must show that much. */
    void told(TenantId tenant) {
        told.told(tenant);
    }

    /** Up to {@code max} ids of visible jobs that start with {@code prefix} (see {@code JobTable.idsStartingWith}). */
    CompletionStage<List<JobId>> idsStartingWith(Caller caller, String prefix, int max) {
        Predicate<TenantId> visible = caller::mayActFor;
        return caughtUp(caller).thenApplyAsync(caughtUp -> jobTable.table().idsStartingWith(prefix, visible, max,
                PREFIX_SCAN_ROWS), blocking);
    }

    CompletionStage<JobPage> page(Caller caller, JobQuery query) {
        return caughtUp(caller)
                .thenApplyAsync(caughtUp -> {
                    try {
                        return jobTable.table().page(query);
                    } catch (IllegalArgumentException badCursor) {
                        throw new ServiceException.Invalid(badCursor.getMessage());
                    }
                }, blocking);
    }

    private CompletionStage<Void> caughtUp(Caller caller) {
        return jobTable.caughtUpTo(told.horizon(caller), timeout).handle((caughtUp, failure) -> {
            if (failure != null) {
                throw new ServiceException.Unavailable(jobTable.whyBehind() + "; retry in a moment");
            }
            return caughtUp;
        });
    }
}
