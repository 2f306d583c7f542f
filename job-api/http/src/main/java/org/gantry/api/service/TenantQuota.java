package org.gantry.api.service;

import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;

/** A tenant's standing in each pool it has quota in or uses. */
public record TenantQuota(TenantId tenant, Map<PoolId, PoolStanding> pools) {
    public TenantQuota {
        pools = Map.copyOf(pools);
    }

    /**
     * GPUs guaranteed and allowed (limit; null = unlimited), in use now, of which borrowed
     * (above the guarantee, preemptible), and waiting in its pending jobs.
     */
    public record PoolStanding(int guaranteed, Integer limit, int used, int borrowed, int pendingGpus) {}
}
