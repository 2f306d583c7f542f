package org.gantry.storage.usage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.gantry.storage.tables.Page;
import org.gantry.storage.tables.Row;
import org.gantry.storage.tables.Scan;
import org.gantry.storage.tables.Table;
import org.gantry.storage.tables.TableKey;
import org.gantry.storage.tables.TableWrite;
import org.gantry.storage.tables.Tables;

/**
 * GPU-time history in table {@value #NAME}, keyed by tenant, bucket width, bucket start, then
 * pool: one tenant's history at one width is a contiguous range, so a range of time is one scan
 * whatever the pools. A row is 16 bytes of value (two longs) and exists only for buckets in
 * which something ran; a year of minute buckets for one busy tenant and pool is 525,600 rows.
 * Values are totals, not increments: writing a row again is harmless.
 */
public final class UsageTable {
    static final String NAME = "gpu-usage";
    private static final int SCAN_PAGE = 4_096;

    private final Tables tables;
    private final Table table;

    public UsageTable(Tables tables) {
        this.tables = tables;
        this.table = tables.table(NAME);
    }

    public Optional<UsageRow> get(String tenant, String pool, long widthSeconds, long startSecond) {
        return table.get(key(tenant, widthSeconds, startSecond, pool))
                .map(value -> decode(tenant, pool, widthSeconds, startSecond, value));
    }

    /** Writes the rows in one durable group commit. */
    public CompletableFuture<Void> write(Collection<UsageRow> rows) {
        TableWrite write = new TableWrite();
        for (UsageRow row : rows) {
            write.put(table, key(row.tenant(), row.widthSeconds(), row.startSecond(), row.pool()),
                    ByteBuffer.allocate(2 * Long.BYTES).putLong(row.guaranteedMillis()).putLong(row.borrowedMillis())
                            .array());
        }
        return tables.commit(write);
    }

    /** A tenant's rows of one width that start in [{@code fromSecond}, {@code toSecond}), every pool, by start. */
    public List<UsageRow> range(String tenant, long widthSeconds, long fromSecond, long toSecond) {
        Scan scan = Scan.range(TableKey.of().add(tenant).add(widthSeconds).add(fromSecond).bytes(),
                TableKey.of().add(tenant).add(widthSeconds).add(toSecond).bytes());
        List<UsageRow> rows = new ArrayList<>();
        Page page = table.page(scan, SCAN_PAGE);
        while (true) {
            page.rows().forEach(row -> rows.add(decode(row)));
            if (page.cursor().isEmpty()) {
                return rows;
            }
            page = table.page(scan.after(page.cursor().get()), SCAN_PAGE);
        }
    }

    private static byte[] key(String tenant, long widthSeconds, long startSecond, String pool) {
        return TableKey.of().add(tenant).add(widthSeconds).add(startSecond).add(pool).bytes();
    }

    private static UsageRow decode(Row row) {
        TableKey.Reader key = new TableKey.Reader(row.key());
        String tenant = key.string();
        long width = key.number();
        long start = key.number();
        return decode(tenant, key.string(), width, start, row.value());
    }

    private static UsageRow decode(String tenant, String pool, long width, long start, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return new UsageRow(tenant, pool, width, start, buffer.getLong(), buffer.getLong());
    }
}
