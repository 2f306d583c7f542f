package org.gantry.quota;

import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;

/** A tenant in one pool: the unit quotas are granted and usage is counted in. */
public record TenantPool(TenantId tenant, PoolId pool) {
    public TenantPool {
        if (tenant == null || pool == null) {
            throw new IllegalArgumentException("tenant and pool are required");
        }
    }

    @Override
    public String toString() {
        return tenant + "@" + pool;
    }
}
