package org.gantry.api.tenant;

/**
 * A tenant's share of one pool: {@code guaranteed} GPUs it can always get back (by reclaiming
 * GPUs lent to others), and a {@code limit} on what it may hold in all, borrowing idle GPUs
 * above its guarantee. Borrowed GPUs are preemptible.
 */
public record PoolQuota(int guaranteed, int limit) {
    /** Stands for "no bound" in {@link #limit} (and in {@link #guaranteed} where quotas are off). */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** What a tenant has in a pool it was granted nothing in. */
    public static final PoolQuota NONE = new PoolQuota(0, 0);

    public PoolQuota {
        if (guaranteed < 0 || limit < guaranteed) {
            throw new IllegalArgumentException("quota must satisfy 0 <= guaranteed <= limit, got guaranteed="
                    + guaranteed + " limit=" + limit);
        }
    }

    /** The most this tenant may borrow above its guarantee. */
    public int borrowingLimit() {
        return limit == UNLIMITED ? UNLIMITED : limit - guaranteed;
    }
}
