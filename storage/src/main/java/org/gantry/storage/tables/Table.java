package org.gantry.storage.tables;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.RangeIterator;
import org.gantry.storage.rocks.RocksStore;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A named, ordered key-value table in the {@link Family#TABLES} column family; the caller
 * encodes keys (see {@link TableKey}) and values. Stored keys are the table's name, 0x00, then
 * the caller's key, so a table is one contiguous key range. Reads go straight to RocksDB from any
 * thread; writes are durable group commits, like the journal's.
 */
public final class Table {

    private final Tables tables;
    private final byte[] namePrefix;
    private final byte[] tableEnd;

    Table(Tables tables, String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("table names must be non-empty");
        }
        this.tables = tables;
        this.namePrefix = TableKey.of().add(name).bytes(); // the name's UTF-8, then 0x00
        this.tableEnd = Scan.prefixEnd(namePrefix);
    }

    Tables tables() {
        return tables;
    }

    public Optional<byte[]> get(byte[] key) {
        RocksStore store = tables.store();
        try {
            return Optional.ofNullable(store.db().get(store.family(Family.TABLES), stored(key)));
        } catch (RocksDBException e) {
            throw store.errors().onRead(e);
        }
    }

    /** At most {@code limit} rows of the scan, read from one point-in-time view. */
    public Page page(Scan scan, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        byte[] lower = stored(scan.from());
        byte[] upper = scan.to() == null ? tableEnd : stored(scan.to());
        if (scan.after() != null && !scan.descending()) {
            lower = max(lower, stored(Arrays.copyOf(scan.after(), scan.after().length + 1))); // after + 0x00
        } else if (scan.after() != null) {
            upper = min(upper, stored(scan.after()));
        }
        if (Arrays.compareUnsigned(lower, upper) >= 0) {
            return new Page(List.of(), Optional.empty());
        }
        List<Row> rows = new ArrayList<>();
        try (RangeIterator range = new RangeIterator(tables.store(), Family.TABLES, lower, upper)) {
            RocksIterator raw = range.raw();
            if (scan.descending()) {
                raw.seekToLast();
            } else {
                raw.seekToFirst();
            }
            // One row past the limit tells whether a next page exists.
            while (rows.size() <= limit && range.valid()) {
                rows.add(new Row(unstored(raw.key()), raw.value()));
                if (scan.descending()) {
                    raw.prev();
                } else {
                    raw.next();
                }
            }
        }
        if (rows.size() <= limit) {
            return new Page(rows, Optional.empty());
        }
        List<Row> page = rows.subList(0, limit);
        return new Page(List.copyOf(page), Optional.of(page.get(limit - 1).key()));
    }

    public CompletableFuture<Void> put(byte[] key, byte[] value) {
        return tables.commit(new TableWrite().put(this, key, value));
    }

    public CompletableFuture<Void> delete(byte[] key) {
        return tables.commit(new TableWrite().delete(this, key));
    }

    /** The key as stored: the table's name and separator, then the caller's key. */
    byte[] stored(byte[] key) {
        byte[] stored = Arrays.copyOf(namePrefix, namePrefix.length + key.length);
        System.arraycopy(key, 0, stored, namePrefix.length, key.length);
        return stored;
    }

    byte[] end() {
        return tableEnd.clone();
    }

    private byte[] unstored(byte[] storedKey) {
        return Arrays.copyOfRange(storedKey, namePrefix.length, storedKey.length);
    }

    private static byte[] max(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
