package org.gantry.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.tables.Tables;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The audit log in a real RocksDB directory: kept over a reopen, read newest first, by page, time and filter. */
class AuditTableTest {
    private static final long T0 = 1_800_000_000_000L;

    private final Path dir = TestStores.tempDir("audit-table");

    @AfterEach
    void cleanUp() {
        TestStores.deleteRecursively(dir);
    }

    @Test
    void entriesSurviveAReopenAndReadNewestFirstInPages() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            AuditTable audit = new AuditTable(new Tables(store));
            for (int i = 0; i < 5; i++) {
                audit.append(row(T0 + i * 1_000, i % 2 == 0 ? "vision" : "")).join();
            }
            // Two in the same millisecond are both kept.
            audit.append(row(T0 + 4_000, "nlp")).join();
        }
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            AuditTable audit = new AuditTable(new Tables(store));
            List<AuditRow> all = new ArrayList<>();
            byte[] cursor = null;
            int pages = 0;
            do {
                AuditTable.Slice slice = audit.newestFirst(0, Long.MAX_VALUE, row -> true, cursor, 4);
                all.addAll(slice.rows());
                cursor = slice.next();
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(2);
            assertThat(all).hasSize(6);
            assertThat(all).extracting(AuditRow::atMillis).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(all.get(all.size() - 1)).isEqualTo(row(T0, "vision"));

            AuditTable.Slice vision = audit.newestFirst(T0 + 1_000, T0 + 4_000,
                    row -> row.tenant().equals("vision"), null, 10);
            assertThat(vision.rows()).extracting(AuditRow::atMillis).containsExactly(T0 + 2_000);
            assertThat(vision.next()).isNull();
        }
    }

    private static AuditRow row(long at, String tenant) {
        return new AuditRow(at, "tk_" + at, tenant.isEmpty() ? "admin" : "tenant", tenant, "DELETE",
                "/api/v1/jobs/{id}", "/api/v1/jobs/j-" + at, 200);
    }
}
