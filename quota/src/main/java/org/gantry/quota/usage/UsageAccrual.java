package org.gantry.quota.usage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.quota.TenantPool;

/** Shares held over an interval, turned into GPU time per bucket: the interval is cut at every bucket edge. */
public final class UsageAccrual {
    private UsageAccrual() {}

    /**
     * The GPU time of {@code shares}, held unchanged over [{@code fromMillis}, {@code toMillis}),
     * in buckets of each of {@code widthsSeconds} (each width counts the whole interval once).
     * Owners holding nothing get no bucket.
     */
    public static Map<UsageBucket, GpuTime> accrue(Map<TenantPool, Share> shares, long fromMillis, long toMillis,
                                                   List<Long> widthsSeconds) {
        Map<UsageBucket, GpuTime> accrued = new HashMap<>();
        if (toMillis <= fromMillis) {
            return accrued;
        }
        for (long width : widthsSeconds) {
            long widthMillis = width * 1000;
            long at = fromMillis;
            while (at < toMillis) {
                long start = Math.floorDiv(at, widthMillis) * widthMillis;
                long end = Math.min(start + widthMillis, toMillis);
                long held = end - at;
                for (Map.Entry<TenantPool, Share> share : shares.entrySet()) {
                    if (!share.getValue().isNone()) {
                        accrued.merge(new UsageBucket(share.getKey(), width, start / 1000),
                                GpuTime.of(share.getValue(), held), GpuTime::plus);
                    }
                }
                at = end;
            }
        }
        return accrued;
    }
}
