package org.gantry.api.service;

import java.time.Instant;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;

/** A pending job in scheduling order, with why it waits. */
public record QueueEntry(int position, JobId id, TenantId tenant, String name, PoolId pool, int gpus,
                         Instant submittedAt, String reason, Instant estimatedStart, StartRange estimatedStartRange) {
    /** An entry without a forecast range (the estimate, if any, is a reservation's). */
    public QueueEntry(int position, JobId id, TenantId tenant, String name, PoolId pool, int gpus,
                      Instant submittedAt, String reason, Instant estimatedStart) {
        this(position, id, tenant, name, pool, gpus, submittedAt, reason, estimatedStart, null);
    }
}
