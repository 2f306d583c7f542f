package org.gantry.scheduler.control;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;

/**
 * What a new job must name to be accepted: an existing tenant and a pool that has nodes or
 * quota. An immutable value the scheduler publishes whenever tenants or pools change, so a
 * submit is checked without a trip through the scheduler.
 */
public record SubmitRules(Set<TenantId> tenants, Set<PoolId> pools) {

    public SubmitRules {
        tenants = Set.copyOf(tenants);
        pools = Collections.unmodifiableSet(new TreeSet<>(pools)); // sorted, for the message
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
