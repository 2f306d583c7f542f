package org.gantry.api.service;

import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;

/**
 * One allocated GPU of a node, by its device {@code gpu} index, and the job holding it. The job
 * and its tenant are null where the caller may not see them: the GPU is then just allocated.
 */
public record GpuAllocation(int gpu, JobId job, TenantId tenant) {

    /** This allocation as {@code caller} may see it. */
    public GpuAllocation seenBy(Caller caller) {
        return tenant == null || caller.mayActFor(tenant) ? this : new GpuAllocation(gpu, null, null);
    }
}
