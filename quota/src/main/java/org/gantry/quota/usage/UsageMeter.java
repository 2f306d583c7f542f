package org.gantry.quota.usage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;

/**
 * Running GPU-time totals per bucket, fed with what each tenant holds whenever that may have
 * changed. Between two observations the shares were constant, so accruing them over the interval
 * is exact; the caller observes after every change (the scheduler: after every message).
 *
 * <p>Totals are kept whole (what the store held for a bucket plus what accrued since), so writing
 * them is idempotent and a bucket a restart interrupted continues where its stored total stopped.
 * A plain object with one owner, not thread-safe.
 */
public final class UsageMeter {
    private final List<Long> widthsSeconds;
    private final Function<UsageBucket, GpuTime> stored;
    private final Map<UsageBucket, GpuTime> totals = new HashMap<>();
    private final Set<UsageBucket> changed = new HashSet<>();
    private Map<TenantPool, Share> shares = Map.of();
    private long sinceMillis;

    /**
     * @param startMillis when accrual starts (nothing is held before the first observation)
     * @param widthsSeconds the bucket widths kept, each counting all the time (e.g. minutes and hours)
     * @param stored what the store holds for a bucket ({@link GpuTime#ZERO} when nothing), read once per bucket
     */
    public UsageMeter(long startMillis, List<Long> widthsSeconds, Function<UsageBucket, GpuTime> stored) {
        this.sinceMillis = startMillis;
        this.widthsSeconds = List.copyOf(widthsSeconds);
        this.stored = stored;
    }

    /** What each tenant holds from now on; the time since the last observation accrues at the old shares first. */
    public void observe(long nowMillis, Map<TenantPool, Integer> used, QuotaBook book) {
        accrueUntil(nowMillis);
        Map<TenantPool, Share> current = shares(used, book);
        if (!current.equals(shares)) {
            shares = current;
        }
    }

    /** The time until {@code nowMillis} accrues; a clock that went back accrues nothing until it passes the last time. */
    public void accrueUntil(long nowMillis) {
        if (nowMillis <= sinceMillis) {
            return;
        }
        UsageAccrual.accrue(shares, sinceMillis, nowMillis, widthsSeconds).forEach((bucket, time) -> {
            totals.put(bucket, totals.computeIfAbsent(bucket, stored).plus(time));
            changed.add(bucket);
        });
        sinceMillis = nowMillis;
    }

    /**
     * The buckets whose totals changed since the last call, with their totals, for the store.
     * Buckets that ended by {@code nowMillis} are written one last time and then forgotten.
     */
    public List<Accrued> takeChanged(long nowMillis) {
        accrueUntil(nowMillis);
        List<Accrued> out = changed.stream().map(bucket -> new Accrued(bucket, totals.get(bucket))).toList();
        changed.clear();
        totals.keySet().removeIf(bucket -> bucket.endSecond() * 1000 <= sinceMillis);
        return out;
    }

    /** What each tenant holds now, as the meter last saw it. */
    public Map<TenantPool, Share> shares() {
        return shares;
    }

    private static Map<TenantPool, Share> shares(Map<TenantPool, Integer> used, QuotaBook book) {
        Map<TenantPool, Share> shares = new HashMap<>();
        used.forEach((owner, gpus) -> {
            if (gpus > 0) {
                shares.put(owner, Share.of(book.quota(owner), gpus));
            }
        });
        return shares;
    }
}
