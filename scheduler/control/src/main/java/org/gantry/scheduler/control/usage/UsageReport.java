package org.gantry.scheduler.control.usage;

import java.time.Instant;
import java.util.List;
import org.gantry.api.service.TenantUsage;
import org.gantry.api.service.UsageQuery;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.TenantPool;
import org.gantry.quota.usage.Accrued;
import org.gantry.quota.usage.GpuTime;
import org.gantry.quota.usage.UsageBucket;
import org.gantry.quota.usage.UsageSeries;
import org.gantry.api.cluster.PoolId;
import org.gantry.storage.usage.UsageTable;

/**
 * Answers a usage query from the table: reads the widest buckets that fit the steps (hours for
 * hour-aligned steps, else minutes) and sums them with {@link UsageSeries}. Reads RocksDB: call
 * it off the actors' threads. What accrued since the scheduler's last write (at most its flush
 * interval) is not in it yet.
 */
public final class UsageReport {
    private final UsageTable table;

    public UsageReport(UsageTable table) {
        this.table = table;
    }

    public TenantUsage of(TenantId tenant, UsageQuery query) {
        long from = query.from().getEpochSecond();
        long step = query.step().toSeconds();
        long steps = (query.to().getEpochSecond() - from + step - 1) / step;
        long to = from + steps * step;
        Long width = UsageSeries.widthFor(from, step, UsageRecorder.WIDTHS);
        if (width == null) {
            throw new IllegalArgumentException("steps of " + step + " s from " + from + " fit no stored width");
        }
        List<Accrued> buckets = table.range(tenant.value(), width, from, to).stream()
                .map(row -> new Accrued(new UsageBucket(new TenantPool(tenant, new PoolId(row.pool())),
                        row.widthSeconds(), row.startSecond()), new GpuTime(row.guaranteedMillis(), row.borrowedMillis())))
                .toList();
        List<TenantUsage.PoolUsage> pools = UsageSeries.of(buckets, from, to, step).stream()
                .map(series -> new TenantUsage.PoolUsage(series.pool(), series.total().usedHours(),
                        series.total().guaranteedHours(), series.total().borrowedHours(),
                        series.points().stream().map(point -> new TenantUsage.Step(
                                Instant.ofEpochSecond(point.startSecond()), point.time().usedHours(),
                                point.time().guaranteedHours(), point.time().borrowedHours())).toList()))
                .toList();
        return new TenantUsage(tenant, query.from(), Instant.ofEpochSecond(to), query.step(), pools);
    }
}
