package org.gantry.scheduler.control;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.NeverFits;

/**
 * What a new job must name to be accepted: an existing tenant and a pool that has nodes or
 * quota; what it is warned about when accepted (it can never start as submitted); and its tenant
 * must have fewer than {@code maxPending} jobs waiting. An immutable value the scheduler
 * publishes whenever tenants, quotas or nodes change or a tenant reaches or leaves the cap, so a
 * submit is checked without a trip through the scheduler.
 *
 * @param poolGpus     healthy GPUs of the registered nodes of each pool, cordoned ones included
 * @param quotas       the tenants' quotas
 * @param atPendingCap the tenants with {@code maxPending} jobs waiting
 */
public record SubmitRules(Set<TenantId> tenants, Set<PoolId> pools, Map<PoolId, Integer> poolGpus,
                          QuotaBook quotas, Set<TenantId> atPendingCap, int maxPending) {

    public SubmitRules {
        tenants = Set.copyOf(tenants);
        pools = Collections.unmodifiableSet(new TreeSet<>(pools)); // sorted, for the message
        poolGpus = Map.copyOf(poolGpus);
        atPendingCap = Set.copyOf(atPendingCap);
    }

    /** Rules that know nothing of capacity or quotas (they warn about nothing) and cap nothing. */
    public SubmitRules(Set<TenantId> tenants, Set<PoolId> pools) {
        this(tenants, pools, Map.of(), QuotaBook.unlimited());
    }

    /** Rules without a cap on waiting jobs. */
    public SubmitRules(Set<TenantId> tenants, Set<PoolId> pools, Map<PoolId, Integer> poolGpus, QuotaBook quotas) {
        this(tenants, pools, poolGpus, quotas, Set.of(), Integer.MAX_VALUE);
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

    /**
     * What an accepted job is warned about: that it can never start as submitted, in the words
     * its explanation will use (NEVER_FITS). Accepted all the same: nodes may join, quotas may grow.
     */
    public List<String> warnings(JobSpec spec) {
        var owner = new TenantPool(spec.tenant(), spec.pool());
        Explanation never = NeverFits.check(owner, spec.demand().min(), poolGpus.getOrDefault(spec.pool(), 0),
                quotas.quota(owner));
        return never == null ? List.of() : List.of("job " + never.message());
    }
}
