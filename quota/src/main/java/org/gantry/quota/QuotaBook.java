package org.gantry.quota;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;

/**
 * Every tenant's quota in every pool, immutable. A tenant/pool pair that was granted nothing
 * gets the book's {@code fallback}: {@link PoolQuota#NONE} in production (no quota, no jobs), or
 * unlimited when quotas are switched off (the simulator's {@code --quota none}).
 */
public final class QuotaBook {
    private static final PoolQuota UNLIMITED = new PoolQuota(PoolQuota.UNLIMITED, PoolQuota.UNLIMITED);

    private final Map<TenantPool, PoolQuota> quotas;
    private final PoolQuota fallback;

    private QuotaBook(Map<TenantPool, PoolQuota> quotas, PoolQuota fallback) {
        this.quotas = Map.copyOf(quotas);
        this.fallback = fallback;
    }

    public static QuotaBook of(Map<TenantPool, PoolQuota> quotas) {
        return new QuotaBook(quotas, PoolQuota.NONE);
    }

    /** Quotas switched off: every tenant may use every GPU, and nothing is ever reclaimed. */
    public static QuotaBook unlimited() {
        return new QuotaBook(Map.of(), UNLIMITED);
    }

    public PoolQuota quota(TenantPool tenantPool) {
        return quotas.getOrDefault(tenantPool, fallback);
    }

    /** A copy with one tenant's quota in one pool replaced (or granted). */
    public QuotaBook with(TenantPool tenantPool, PoolQuota quota) {
        var copy = new HashMap<>(quotas);
        copy.put(tenantPool, quota);
        return new QuotaBook(copy, fallback);
    }

    /** The tenant/pool pairs granted a quota explicitly. */
    public Map<TenantPool, PoolQuota> granted() {
        return quotas;
    }

    public Set<PoolId> pools() {
        return quotas.keySet().stream().map(TenantPool::pool).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The GPUs promised as guarantees in one pool, summed over tenants (saturating, never overflowing). */
    public long guaranteedIn(PoolId pool) {
        return quotas.entrySet().stream()
                .filter(e -> e.getKey().pool().equals(pool))
                .mapToLong(e -> e.getValue().guaranteed())
                .reduce(0L, QuotaBook::saturatingAdd);
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuotaBook other && quotas.equals(other.quotas) && fallback.equals(other.fallback);
    }

    @Override
    public int hashCode() {
        return quotas.hashCode() * 31 + fallback.hashCode();
    }

    @Override
    public String toString() {
        return "QuotaBook" + quotas + " fallback=" + fallback;
    }
}
