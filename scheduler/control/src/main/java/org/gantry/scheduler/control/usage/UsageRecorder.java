package org.gantry.scheduler.control.usage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.quota.usage.Accrued;
import org.gantry.quota.usage.GpuTime;
import org.gantry.quota.usage.UsageBucket;
import org.gantry.quota.usage.UsageMeter;
import org.gantry.storage.tables.Tables;
import org.gantry.storage.usage.UsageRow;
import org.gantry.storage.usage.UsageTable;

/**
 * The scheduler's GPU-hour accounting: a {@link UsageMeter} fed after every message the
 * scheduler handles, its changed buckets written to the {@link UsageTable} every
 * {@code flushInterval}. A kill -9 loses at most the time since the last write (one interval);
 * the time the control plane is down is not counted (nobody watches the GPUs then). Owned by
 * the scheduler actor; not thread-safe.
 */
public final class UsageRecorder {
    /** Minutes for steps down to one minute, hours so a year at a daily step reads 8,760 rows, not 525,600. */
    public static final List<Long> WIDTHS = List.of(60L, 3_600L);

    private final UsageTable table;
    private final Duration flushInterval;
    private UsageMeter meter;
    private Map<TenantPool, Integer> lastUsed = Map.of();
    private QuotaBook lastBook;

    public UsageRecorder(UsageTable table, Duration flushInterval) {
        this.table = table;
        this.flushInterval = flushInterval;
    }

    /** The table in the store the journal writes, flushed as {@code gantry.usage.flush-interval} says. */
    public static UsageRecorder open(ActorSystem<?> system) {
        return new UsageRecorder(new UsageTable(Tables.of(Adapter.toClassic(system))),
                system.settings().config().getDuration("gantry.usage.flush-interval"));
    }

    public UsageTable table() {
        return table;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    /** Accrual starts now: what ran before (while no scheduler watched) is not counted. */
    public void start(long nowMillis) {
        meter = new UsageMeter(nowMillis, WIDTHS, this::stored);
        lastUsed = Map.of();
        lastBook = null;
    }

    /**
     * What each tenant holds now. Cheap when nothing changed (the common case: most messages move
     * no GPU), so the scheduler calls it after every message.
     */
    public void observe(long nowMillis, Map<TenantPool, Integer> used, QuotaBook book) {
        if (book == lastBook && used.equals(lastUsed)) {
            return; // the shares the meter holds still apply; the time accrues when they change or at a flush
        }
        meter.observe(nowMillis, used, book);
        lastUsed = Map.copyOf(used);
        lastBook = book;
    }

    /** Writes the buckets that changed since the last flush; completes when they are durable. */
    public CompletableFuture<Void> flush(long nowMillis) {
        List<Accrued> changed = meter.takeChanged(nowMillis);
        if (changed.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return table.write(changed.stream().map(UsageRecorder::row).toList());
    }

    private GpuTime stored(UsageBucket bucket) {
        return table.get(bucket.owner().tenant().value(), bucket.owner().pool().value(), bucket.widthSeconds(),
                        bucket.startSecond())
                .map(row -> new GpuTime(row.guaranteedMillis(), row.borrowedMillis()))
                .orElse(GpuTime.ZERO);
    }

    private static UsageRow row(Accrued accrued) {
        UsageBucket bucket = accrued.bucket();
        return new UsageRow(bucket.owner().tenant().value(), bucket.owner().pool().value(), bucket.widthSeconds(),
                bucket.startSecond(), accrued.time().guaranteedMillis(), accrued.time().borrowedMillis());
    }
}
