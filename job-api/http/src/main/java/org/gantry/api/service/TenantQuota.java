package org.gantry.api.service;

import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;

/**
 * A tenant's standing in each pool it has quota in or uses, and warnings about them: a pool
 * whose guarantees (all tenants') add up to more GPUs than it has.
 */
public record TenantQuota(TenantId tenant, Map<PoolId, PoolStanding> pools, List<String> warnings) {
    public TenantQuota {
        pools = Map.copyOf(pools);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public TenantQuota withWarnings(List<String> other) {
        return new TenantQuota(tenant, pools, other);
    }

    /**
     * GPUs guaranteed and allowed (limit; null = unlimited), in use now, of which borrowed
     * (above the guarantee, preemptible), and waiting in its pending jobs.
     */
    public record PoolStanding(int guaranteed, Integer limit, int used, int borrowed, int pendingGpus) {}
}
