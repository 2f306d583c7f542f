package org.gantry.api.tenant;

import java.util.Map;
import java.util.Objects;
import org.gantry.api.cluster.PoolId;

/**
 * A tenant as an admin creates it: its name and its quota in each pool. A pool it has no
 * quota in grants it nothing ({@link PoolQuota#NONE}).
 */
public record TenantSpec(TenantId name, Map<PoolId, PoolQuota> quotas) {
    public TenantSpec {
        Objects.requireNonNull(name, "name");
        quotas = quotas == null ? Map.of() : Map.copyOf(quotas);
    }

    public PoolQuota quota(PoolId pool) {
        return quotas.getOrDefault(pool, PoolQuota.NONE);
    }
}
