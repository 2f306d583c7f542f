package org.gantry.scheduler.control;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.quota.Overcommitment;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.QuotaMath;
import org.gantry.quota.TenantPool;

/** Over-committed guarantees said out loud: the warnings a quota answer carries for the pools it concerns. */
public final class Overcommitments {
    private Overcommitments() {}

    /** One sentence per pool among {@code pools} whose guarantees add up to more than its GPUs. */
    public static List<String> warnings(Map<PoolId, Integer> capacity, QuotaBook book, Collection<PoolId> pools) {
        return QuotaMath.overcommitted(capacity, book).stream()
                .filter(over -> pools.contains(over.pool()))
                .map(Overcommitment::message)
                .toList();
    }

    /** The quota book the tenants' specs make. */
    public static QuotaBook book(Collection<TenantSpec> tenants) {
        Map<TenantPool, PoolQuota> granted = new HashMap<>();
        tenants.forEach(spec -> spec.quotas().forEach(
                (pool, quota) -> granted.put(new TenantPool(spec.name(), pool), quota)));
        return QuotaBook.of(granted);
    }

    /** The book of every tenant, as the directory holds it. */
    public static QuotaBook book(Map<TenantId, TenantSpec> tenants) {
        return book(tenants.values());
    }
}
