package org.gantry.quota.usage;

import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.QuotaMath;

/** GPUs a tenant holds in a pool at one moment, split into the part within its guarantee and the borrowed rest. */
public record Share(int guaranteed, int borrowed) {
    public static final Share NONE = new Share(0, 0);

    public Share {
        if (guaranteed < 0 || borrowed < 0) {
            throw new IllegalArgumentException("a share cannot be negative: " + guaranteed + "/" + borrowed);
        }
    }

    /** {@code used} GPUs under {@code quota}: what exceeds the guarantee is borrowed. */
    public static Share of(PoolQuota quota, int used) {
        return new Share(QuotaMath.guaranteedPart(quota, used), QuotaMath.borrowedPart(quota, used));
    }

    public boolean isNone() {
        return guaranteed == 0 && borrowed == 0;
    }
}
