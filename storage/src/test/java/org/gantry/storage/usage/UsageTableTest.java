package org.gantry.storage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.tables.Tables;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Usage rows in a real RocksDB directory: written, read back after a reopen, scanned by tenant, width and time. */
class UsageTableTest {
    private static final long T0 = 1_800_000_000L;

    private final Path dir = TestStores.tempDir("usage-table");

    @AfterEach
    void cleanUp() {
        TestStores.deleteRecursively(dir);
    }

    @Test
    void rowsSurviveAReopenAndRangesKeepTenantsWidthsAndTimesApart() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            UsageTable usage = new UsageTable(new Tables(store));
            usage.write(List.of(
                    new UsageRow("vision", "default", 60, T0, 60_000, 0),
                    new UsageRow("vision", "a100", 60, T0, 1, 2),
                    new UsageRow("vision", "default", 60, T0 + 60, 30_000, 30_000),
                    new UsageRow("vision", "default", 60, T0 + 120, 5, 0),
                    new UsageRow("vision", "default", 3600, T0, 90_000, 30_000),
                    new UsageRow("visionary", "default", 60, T0, 7, 7), // a tenant whose name extends another's
                    new UsageRow("nlp", "default", 60, T0 + 60, 9, 9))).join();
            // A total written again replaces the row: writes are idempotent.
            usage.write(List.of(new UsageRow("vision", "default", 60, T0 + 60, 40_000, 30_000))).join();
        }
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            UsageTable usage = new UsageTable(new Tables(store));

            assertThat(usage.range("vision", 60, T0, T0 + 120)).containsExactly(
                    new UsageRow("vision", "a100", 60, T0, 1, 2),
                    new UsageRow("vision", "default", 60, T0, 60_000, 0),
                    new UsageRow("vision", "default", 60, T0 + 60, 40_000, 30_000));
            assertThat(usage.range("vision", 3600, T0 - 3600, T0 + 3600))
                    .containsExactly(new UsageRow("vision", "default", 3600, T0, 90_000, 30_000));
            assertThat(usage.range("nobody", 60, T0, T0 + 3600)).isEmpty();
            assertThat(usage.get("vision", "default", 60, T0 + 120))
                    .contains(new UsageRow("vision", "default", 60, T0 + 120, 5, 0));
            assertThat(usage.get("vision", "default", 60, T0 + 180)).isEmpty();
        }
    }

    @Test
    void aLongRangeIsReadAcrossPages() {
        int minutes = 10_000; // more than one scan page
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            UsageTable usage = new UsageTable(new Tables(store));
            List<UsageRow> rows = new java.util.ArrayList<>();
            for (int i = 0; i < minutes; i++) {
                rows.add(new UsageRow("vision", "default", 60, T0 + 60L * i, 60_000, 0));
            }
            usage.write(rows).join();
            assertThat(usage.range("vision", 60, T0, T0 + 60L * minutes)).hasSize(minutes)
                    .extracting(UsageRow::startSecond).isSorted();
        }
    }
}
