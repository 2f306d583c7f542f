package org.gantry.scheduler.control.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.gantry.api.dataset.DatasetInfo;
import org.gantry.api.tenant.TenantId;
import org.gantry.storage.objects.CheckpointStore;
import org.gantry.storage.objects.DatasetKey;
import org.gantry.storage.objects.ObjectInfo;
import org.gantry.storage.objects.ObjectSettings;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.tables.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash windows of an upload and a delete, reproduced on a real RocksDB store, then put right. */
class DatasetReconciliationTest {
    private static final TenantId VISION = new TenantId("vision");

    @TempDir
    Path dir;

    @Test
    void rowsFollowTheObjectsAfterACrashBetweenObjectAndRow() throws Exception {
        try (RocksStore rocks = RocksStore.open(StoreSettings.durable(dir))) {
            DatasetTable table = new DatasetTable(new Tables(rocks));
            CheckpointStore store = CheckpointStore.open(rocks, ObjectSettings.defaults());

            // "replaced": uploaded with two columns, then replaced by three, crashing before the new row.
            ObjectInfo first = put(store, "replaced", "a,b\n1,2\n3,4\n");
            table.put(row("replaced", List.of("a", "b"), 2, first)).join();
            ObjectInfo second = put(store, "replaced", "a,b,c\n1,2,3\n");
            // "fresh": a first upload whose row never got written.
            ObjectInfo fresh = put(store, "fresh", "x,y\n1,2\n");
            // "gone": its object deleted, the crash before its row went.
            table.put(new DatasetInfo("gone", "vision", List.of("q"), 1, 4, "00", Instant.EPOCH)).join();
            // "intact": consistent, must not be rewritten.
            ObjectInfo intact = put(store, "intact", "p\n1\n");
            DatasetInfo intactRow = row("intact", List.of("p"), 1, intact);
            table.put(intactRow).join();

            DatasetReconciliation.Report report = DatasetReconciliation.run(table, store);

            assertThat(report).isEqualTo(new DatasetReconciliation.Report(3, 2, 1));
            assertThat(table.get(VISION, "replaced")).hasValue(row("replaced", List.of("a", "b", "c"), 1, second));
            assertThat(table.get(VISION, "fresh")).hasValue(row("fresh", List.of("x", "y"), 1, fresh));
            assertThat(table.get(VISION, "gone")).isEmpty();
            assertThat(table.get(VISION, "intact")).hasValue(intactRow);
            assertThat(DatasetReconciliation.run(table, store)).isEqualTo(new DatasetReconciliation.Report(3, 0, 0));
        }
    }

    private static ObjectInfo put(CheckpointStore store, String name, String csv) throws Exception {
        return store.put(new DatasetKey("vision", name), new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static DatasetInfo row(String name, List<String> columns, long rows, ObjectInfo object) {
        return new DatasetInfo(name, "vision", columns, rows, object.size(), object.sha256(), object.createdAt());
    }
}
