package org.gantry.storage.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.persistence.query.Offset;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TableTest {

    private final Path dir = TestStores.tempDir("tables");

    @AfterEach
    void cleanUp() {
        TestStores.deleteRecursively(dir);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(Page page) {
        return page.rows().stream().map(row -> new String(row.key(), StandardCharsets.UTF_8)).toList();
    }

    private static void putAll(Tables tables, Table table, String... keys) {
        TableWrite write = new TableWrite();
        for (String key : keys) {
            write.put(table, utf8(key), utf8("value of " + key));
        }
        tables.commit(write).join();
    }

    @Test
    void rowsAndOffsetsRoundTripAndSurviveAReopen() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            Tables tables = new Tables(store);
            Table jobs = tables.table("jobs");
            jobs.put(utf8("j1"), utf8("running")).join();
            jobs.put(utf8("j2"), utf8("done")).join();
            jobs.delete(utf8("j2")).join();
            assertThat(tables.offsets().load("history")).isEqualTo(Offset.noOffset());
            tables.offsets().save("history", 41).join();
            tables.offsets().save("history", 42).join();
        }
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            Tables tables = new Tables(store);
            Table jobs = tables.table("jobs");
            assertThat(jobs.get(utf8("j1"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("running")));
            assertThat(jobs.get(utf8("j2"))).isEmpty();
            assertThat(tables.offsets().load("history")).isEqualTo(Offset.sequence(42));
            assertThat(tables.offsets().load("other")).isEqualTo(Offset.noOffset());
        }
    }

    @Test
    void oneWriteLandsRowsInSeveralTablesAndTheOffsetTogether() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            Tables tables = new Tables(store);
            Table rows = tables.table("history");
            Table index = tables.table("history-by-tenant");
            TableWrite write = new TableWrite().put(rows, utf8("j1"), utf8("row")).put(index, utf8("t1/j1"), utf8("j1"));
            tables.commit(tables.offsets().saveIn(write, "history", 7)).join();

            assertThat(rows.get(utf8("j1"))).isPresent();
            assertThat(index.get(utf8("t1/j1"))).isPresent();
            assertThat(rows.get(utf8("t1/j1"))).isEmpty(); // tables do not see each other's keys
            assertThat(tables.offsets().load("history")).isEqualTo(Offset.sequence(7));
        }
    }

    @Test
    void scansReadPrefixesAndRangesInEitherDirection() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            Tables tables = new Tables(store);
            Table table = tables.table("t");
            Table neighbour = tables.table("t2");
            putAll(tables, table, "a1", "a2", "a3", "b1", "b2", "c1");
            putAll(tables, neighbour, "a0", "z9");

            assertThat(keys(table.page(Scan.all(), 100))).containsExactly("a1", "a2", "a3", "b1", "b2", "c1");
            assertThat(keys(table.page(Scan.prefix(utf8("b")), 100))).containsExactly("b1", "b2");
            assertThat(keys(table.page(Scan.prefix(utf8("b")).reversed(), 100))).containsExactly("b2", "b1");
            assertThat(keys(table.page(Scan.range(utf8("a2"), utf8("b2")), 100))).containsExactly("a2", "a3", "b1");
            assertThat(keys(table.page(Scan.prefix(utf8("x")), 100))).isEmpty();
            assertThat(table.page(Scan.all(), 100).cursor()).isEmpty();
            assertThat(table.page(Scan.all(), 6).cursor()).isEmpty(); // exactly full: no empty next page

            tables.commit(new TableWrite().deleteRange(table, utf8("a2"), utf8("b2"))).join();
            assertThat(keys(table.page(Scan.all(), 100))).containsExactly("a1", "b2", "c1");
            tables.commit(new TableWrite().deleteRange(table, utf8("b"), null)).join();
            assertThat(keys(table.page(Scan.all(), 100))).containsExactly("a1");
            assertThat(keys(neighbour.page(Scan.all(), 100))).containsExactly("a0", "z9");
        }
    }

    @Test
    void aPrefixOfHighBytesScansToTheTablesEnd() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            Tables tables = new Tables(store);
            Table table = tables.table("bytes");
            byte[] high = {(byte) 0xFF, (byte) 0xFF, 1};
            byte[] low = {(byte) 0xFE, 1};
            tables.commit(new TableWrite().put(table, high, high).put(table, low, low)).join();
            assertThat(table.page(Scan.prefix(new byte[] {(byte) 0xFF, (byte) 0xFF}), 10).rows())
                    .extracting(Row::key).containsExactly(high);
        }
    }

    @Test
    void cursorsPageThroughEveryRowOnceEvenWhileRowsChange() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            Tables tables = new Tables(store);
            Table table = tables.table("paged");
            String[] keys = new String[25];
            Arrays.setAll(keys, i -> String.format("k%02d", i));
            putAll(tables, table, keys);

            for (boolean descending : new boolean[] {false, true}) {
                Scan scan = descending ? Scan.prefix(utf8("k")).reversed() : Scan.prefix(utf8("k"));
                List<String> seen = new ArrayList<>();
                Page page = table.page(scan, 10);
                seen.addAll(keys(page));
                // Rows before the cursor change; the rest of the walk is unaffected.
                table.delete(page.rows().get(0).key()).join();
                putAll(tables, table, descending ? "k99x" : "k00x");
                while (page.cursor().isPresent()) {
                    page = table.page(scan.after(page.cursor().get()), 10);
                    seen.addAll(keys(page));
                }
                List<String> expected = new ArrayList<>(Arrays.asList(keys));
                if (descending) {
                    Collections.reverse(expected);
                }
                assertThat(seen).isEqualTo(expected);
                putAll(tables, table, keys); // undo for the next direction
                table.delete(utf8(descending ? "k99x" : "k00x")).join();
            }
        }
    }

    @Test
    void tableKeysSortByTheirPartsAndReadBack() {
        byte[] first = TableKey.of().add("a").add(-5).bytes();
        byte[] second = TableKey.of().add("a").add(3).bytes();
        byte[] third = TableKey.of().add("ab").add(Long.MIN_VALUE).bytes();
        assertThat(Arrays.compareUnsigned(first, second)).isNegative();
        assertThat(Arrays.compareUnsigned(second, third)).isNegative();

        TableKey.Reader reader = new TableKey.Reader(TableKey.of().add("tenant").add("done").add(-42).bytes());
        assertThat(reader.string()).isEqualTo("tenant");
        assertThat(reader.string()).isEqualTo("done");
        assertThat(reader.number()).isEqualTo(-42);
        assertThatThrownBy(() -> TableKey.of().add("bad\u0000")).isInstanceOf(IllegalArgumentException.class);
    }
}
