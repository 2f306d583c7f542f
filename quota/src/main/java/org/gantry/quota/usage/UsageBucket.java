package org.gantry.quota.usage;

import org.gantry.quota.TenantPool;

/**
 * One tenant's GPU time in one pool over [{@code startSecond}, {@code startSecond + widthSeconds}),
 * the unit accrual is kept and stored in. Starts are multiples of the width (epoch-aligned).
 */
public record UsageBucket(TenantPool owner, long widthSeconds, long startSecond) {
    public UsageBucket {
        if (widthSeconds < 1 || Math.floorMod(startSecond, widthSeconds) != 0) {
            throw new IllegalArgumentException("bucket of " + widthSeconds + " s cannot start at " + startSecond);
        }
    }

    public long endSecond() {
        return startSecond + widthSeconds;
    }
}
