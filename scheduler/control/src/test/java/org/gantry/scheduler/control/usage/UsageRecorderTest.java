package org.gantry.scheduler.control.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.service.TenantUsage;
import org.gantry.api.service.UsageQuery;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.tables.Tables;
import org.gantry.storage.usage.UsageTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder and the report on a real RocksDB directory: a scheduler accrues and flushes, the
 * store is closed and opened again (a restart), a new recorder continues the same minute from its
 * stored total, and the report sums minutes or hours into the steps asked for.
 */
class UsageRecorderTest {
    private static final TenantId VISION = TenantId.of("vision");
    private static final TenantPool OWNER = new TenantPool(VISION, PoolId.DEFAULT);
    private static final QuotaBook BOOK = QuotaBook.of(Map.of(OWNER, new PoolQuota(2, 8)));
    private static final long T0 = 1_800_000_000_000L; // epoch ms, on an hour

    @TempDir
    Path dir;

    @Test
    void usageSurvivesAReopenAndContinuesItsBucket() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            UsageRecorder recorder = new UsageRecorder(new UsageTable(new Tables(store)), Duration.ofSeconds(5));
            recorder.start(T0);
            recorder.observe(T0, Map.of(OWNER, 4), BOOK);      // 2 guaranteed + 2 borrowed
            recorder.observe(T0 + 1_000, Map.of(OWNER, 4), BOOK); // unchanged: nothing to do
            recorder.flush(T0 + 30_000).join();                // 30 s of 4 GPUs
        }
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            UsageTable table = new UsageTable(new Tables(store));
            UsageRecorder recorder = new UsageRecorder(table, Duration.ofSeconds(5));
            recorder.start(T0 + 40_000);                       // down for 10 s: not counted
            recorder.observe(T0 + 40_000, Map.of(OWNER, 1), BOOK);
            recorder.flush(T0 + 100_000).join();               // 20 s in minute 0, 40 s in minute 1, of 1 GPU

            UsageReport report = new UsageReport(table);
            TenantUsage minutes = report.of(VISION, new UsageQuery(Instant.ofEpochMilli(T0),
                    Instant.ofEpochMilli(T0 + 120_000), Duration.ofMinutes(1)));
            assertThat(minutes.pools()).hasSize(1);
            TenantUsage.PoolUsage pool = minutes.pools().get(0);
            assertThat(pool.steps()).extracting(TenantUsage.Step::usedGpuHours)
                    .containsExactly((4 * 30 + 20) / 3600.0, 40 / 3600.0);
            assertThat(pool.steps().get(0).borrowedGpuHours()).isEqualTo(2 * 30 / 3600.0);
            assertThat(pool.guaranteedGpuHours()).isEqualTo((2 * 30 + 60) / 3600.0);

            TenantUsage hourly = report.of(VISION, new UsageQuery(Instant.ofEpochMilli(T0),
                    Instant.ofEpochMilli(T0 + 3_600_000), Duration.ofHours(1)));
            assertThat(hourly.pools().get(0).usedGpuHours()).as("the hour buckets agree with the minutes")
                    .isEqualTo(pool.usedGpuHours());
            assertThat(report.of(TenantId.of("nlp"), new UsageQuery(Instant.ofEpochMilli(T0),
                    Instant.ofEpochMilli(T0 + 3_600_000), Duration.ofHours(1))).pools()).isEmpty();
        }
    }
}
