package org.gantry.scheduler.control;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;

/**
 * What a new job must name to be accepted: an existing tenant and a pool that has nodes or
 * quota; and its tenant must have fewer than {@code maxPending} jobs waiting. An immutable value
 * the scheduler publishes whenever tenants or pools change or a tenant reaches or leaves the
 * cap, so a submit is checked without a trip through the scheduler.
 *
 * @param atPendingCap the tenants with {@code maxPending} jobs waiting
 */
public record SubmitRules(Set<TenantId> tenants, Set<PoolId> pools, Set<TenantId> atPendingCap, int maxPending) {

    public SubmitRules {
        tenants = Set.copyOf(tenants);
        pools = Collections.unmodifiableSet(new TreeSet<>(pools)); // sorted, for the message
        atPendingCap = Set.copyOf(atPendingCap);
    }

    /** Without a cap on waiting jobs. */
    public SubmitRules(Set<TenantId> tenants, Set<PoolId> pools) {
        this(tenants, pools, Set.of(), Integer.MAX_VALUE);
    }

    /** Why this tenant may not add a waiting job now, or null when it may. */
    public String pendingProblem(TenantId tenant) {
        if (!atPendingCap.contains(tenant)) {
            return null;
        }
        return "tenant '" + tenant + "' has " + maxPending + " jobs waiting, the most it may "
                + "(gantry.scheduler.max-pending-per-tenant): submit again once some have started, or cancel some";
    }

    /** Why a job for this tenant and pool is refused, or null when it may be submitted. */
    public String problem(TenantId tenant, PoolId pool) {
        if (!tenants.contains(tenant)) {
            return "tenant '" + tenant + "' does not exist: an admin creates it with 'gantry tenants create " + tenant
                    + " --quota default=GUARANTEED:LIMIT' (POST /api/v1/tenants)";
        }
        if (!pools.contains(pool)) {
            return "pool '" + pool + "' has no nodes and no quota; known pools: " + pools;
        }
        return null;
    }
}
