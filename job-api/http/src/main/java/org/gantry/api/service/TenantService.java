package org.gantry.api.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;

/** Tenants, their quotas and their tokens. Creating and changing tenants is for the admin. */
public interface TenantService {

    /** Creates a tenant and issues its token, shown only in this answer. An existing name is a conflict. */
    CompletionStage<CreatedTenant> create(Caller caller, TenantSpec spec);

    CompletionStage<List<TenantSpec>> list(Caller caller);

    /** The tenant's quota and usage in each pool. A tenant may read its own, the admin any. */
    CompletionStage<TenantQuota> quota(Caller caller, TenantId tenant);

    CompletionStage<TenantQuota> setQuota(Caller caller, TenantId tenant, Map<PoolId, PoolQuota> quotas);

    /** The tenant's GPU-hours over time. A tenant may read its own, the admin any; another's is not found. */
    CompletionStage<TenantUsage> usage(Caller caller, TenantId tenant, UsageQuery query);

    /**
     * A new tenant and its bearer token (stored only as a hash), and warnings about its quota
     * (a pool whose guarantees now add up to more GPUs than it has).
     */
    record CreatedTenant(TenantSpec tenant, String token, List<String> warnings) {
        public CreatedTenant {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }
}
