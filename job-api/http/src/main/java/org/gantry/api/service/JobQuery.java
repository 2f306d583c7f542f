package org.gantry.api.service;

import org.gantry.api.job.JobState;
import org.gantry.api.tenant.TenantId;

/**
 * A page of {@code GET /jobs}: optional filters (null = any), the cursor a previous page
 * returned (null = from the start), and the page size. Jobs come newest first.
 */
public record JobQuery(JobState state, TenantId tenant, String cursor, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public JobQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
