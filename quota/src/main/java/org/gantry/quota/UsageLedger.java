package org.gantry.quota;

import java.util.HashMap;
import java.util.Map;

/** GPUs each tenant holds in each pool, immutable. Guaranteed and borrowed parts follow from a {@link QuotaBook}. */
public final class UsageLedger {
    private static final UsageLedger EMPTY = new UsageLedger(Map.of());

    private final Map<TenantPool, Integer> used;

    private UsageLedger(Map<TenantPool, Integer> used) {
        this.used = Map.copyOf(used);
    }

    public static UsageLedger empty() {
        return EMPTY;
    }

    public static UsageLedger of(Map<TenantPool, Integer> used) {
        used.forEach((tp, gpus) -> {
            if (gpus < 0) {
                throw new IllegalArgumentException(tp + " cannot hold " + gpus + " GPUs");
            }
        });
        var nonZero = new HashMap<>(used);
        nonZero.values().removeIf(gpus -> gpus == 0);
        return new UsageLedger(nonZero);
    }

    public int used(TenantPool tenantPool) {
        return used.getOrDefault(tenantPool, 0);
    }

    public int guaranteed(TenantPool tenantPool, QuotaBook book) {
        return QuotaMath.guaranteedPart(book.quota(tenantPool), used(tenantPool));
    }

    public int borrowed(TenantPool tenantPool, QuotaBook book) {
        return QuotaMath.borrowedPart(book.quota(tenantPool), used(tenantPool));
    }

    /** A ledger with {@code delta} GPUs more (or fewer, when negative) for one tenant in one pool. */
    public UsageLedger plus(TenantPool tenantPool, int delta) {
        var copy = new HashMap<>(used);
        copy.merge(tenantPool, delta, Integer::sum);
        return of(copy);
    }

    public Map<TenantPool, Integer> asMap() {
        return used;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsageLedger other && used.equals(other.used);
    }

    @Override
    public int hashCode() {
        return used.hashCode();
    }

    @Override
    public String toString() {
        return "UsageLedger" + used;
    }
}
