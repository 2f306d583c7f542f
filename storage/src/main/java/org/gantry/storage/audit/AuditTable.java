package org.gantry.storage.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.gantry.storage.tables.Page;
import org.gantry.storage.tables.Row;
import org.gantry.storage.tables.Scan;
import org.gantry.storage.tables.Table;
import org.gantry.storage.tables.TableKey;
import org.gantry.storage.tables.Tables;

/**
 * The audit log in table {@value #NAME}, keyed by time then a sequence number (unique within a
 * millisecond, and across restarts from its random start), so newest first is one descending
 * scan and a range of time is a key range. Entries are written once and never changed. A value
 * starts with its format version, so a field added later still reads what is stored now.
 */
public final class AuditTable {
    static final String NAME = "audit";
    private static final int FORMAT = 1;
    /** The most rows one read looks at while filtering, so a rare tenant's page costs a bounded scan. */
    static final int MAX_EXAMINED = 10_000;

    private final Tables tables;
    private final Table table;
    private final AtomicLong sequence = new AtomicLong(new SecureRandom().nextLong() >>> 1);

    public AuditTable(Tables tables) {
        this.tables = tables;
        this.table = tables.table(NAME);
    }

    /** Writes the row in a durable commit. */
    public CompletableFuture<Void> append(AuditRow row) {
        return table.put(TableKey.of().add(row.atMillis()).add(sequence.getAndIncrement()).bytes(), encode(row));
    }

    /**
     * Up to {@code limit} rows with {@code fromMillis <= at < toMillis} that {@code filter} keeps,
     * newest first, continuing after {@code after} (a {@link Slice#next} cursor, or null).
     */
    public Slice newestFirst(long fromMillis, long toMillis, Predicate<AuditRow> filter, byte[] after, int limit) {
        Scan scan = Scan.range(TableKey.of().add(fromMillis).bytes(), TableKey.of().add(toMillis).bytes()).reversed();
        if (after != null) {
            scan = scan.after(after);
        }
        List<AuditRow> rows = new ArrayList<>();
        int examined = 0;
        while (true) {
            Page page = table.page(scan, Math.min(limit, 1_000));
            for (Row row : page.rows()) {
                examined++;
                AuditRow decoded = decode(row);
                if (filter.test(decoded)) {
                    rows.add(decoded);
                }
                if (rows.size() == limit || examined == MAX_EXAMINED) {
                    boolean last = page.cursor().isEmpty() && row == page.rows().get(page.rows().size() - 1);
                    return new Slice(rows, last ? null : row.key());
                }
            }
            if (page.cursor().isEmpty()) {
                return new Slice(rows, null);
            }
            scan = scan.after(page.cursor().get());
        }
    }

    /** @param next the key to continue after for older rows; null when there are none */
    public record Slice(List<AuditRow> rows, byte[] next) {}

    private static byte[] encode(AuditRow row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(row.atMillis());
            out.writeUTF(row.tokenId());
            out.writeUTF(row.role());
            out.writeUTF(row.tenant());
            out.writeUTF(row.method());
            out.writeUTF(row.route());
            out.writeUTF(clip(row.target()));
            out.writeInt(row.status());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static AuditRow decode(Row row) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(row.value()))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("audit row of format " + format + " is newer than this build ("
                        + FORMAT + "); upgrade Gantry to read it");
            }
            return new AuditRow(in.readLong(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    in.readUTF(), in.readInt());
        } catch (IOException e) {
            throw new UncheckedIOException("an audit row is cut short", e);
        }
    }

    /** writeUTF takes at most 64 KiB; a path is far shorter, but one sent to be long is kept clipped. */
    private static String clip(String text) {
        return text.length() <= 1_024 ? text : text.substring(0, 1_024) + "…";
    }
}
