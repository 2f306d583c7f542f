package org.gantry.scheduler.policy;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gantry.quota.TenantPool;

/**
 * The waiting jobs, already in the policy's {@link QueueOrder}, with each tenant's waiting GPU
 * demand per pool. A pass walks it from the front and stops once nothing else can start, so
 * the caller keeps it sorted incrementally (order keys are static while a job waits) rather
 * than the policy sorting 100,000 jobs on every pass.
 */
public interface PendingQueue extends Iterable<PendingJob> {
    int size();

    /** GPUs (each job's minimum) that a tenant's waiting jobs ask for in a pool. */
    long waitingGpus(TenantPool tenantPool);

    /** The fewest GPUs any waiting job of the tenant asks for in the pool (its minimum); 0 when it has none. */
    int smallestWaitingGpus(TenantPool tenantPool);

    /** Every tenant/pool with waiting jobs, and its waiting GPUs. */
    Map<TenantPool, Long> waitingGpus();

    /** The jobs in order, for tests and small callers. */
    List<PendingJob> asList();

    /**
     * One tenant's waiting jobs in a pool that come after {@code job} in queue order ({@code job}
     * may be anyone's), so that a pass can skip the jobs of tenants that can start nothing more.
     */
    Iterator<PendingJob> after(TenantPool owner, PendingJob job);

    /** Like {@link #after}, only the tenant's jobs with placement constraints (what a tenant's other jobs say nothing about). */
    Iterator<PendingJob> constrainedAfter(TenantPool owner, PendingJob job);
}
