package org.gantry.storage.tables;

import java.util.ArrayList;
import java.util.List;
import org.gantry.storage.rocks.BatchWork;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Puts and deletes across any tables (the offset store included) that land together or not at
 * all: a projection writes its rows and its offset in one write, so after a crash it neither
 * loses nor repeats an event's effect. Commit with {@link Tables#commit}. Not thread-safe.
 */
public final class TableWrite {

    private interface Op {
        void addTo(WriteBatch batch, ColumnFamilyHandle family) throws RocksDBException;
    }

    private record Put(byte[] key, byte[] value) implements Op {
        public void addTo(WriteBatch batch, ColumnFamilyHandle family) throws RocksDBException {
            batch.put(family, key, value);
        }
    }

    private record Delete(byte[] key) implements Op {
        public void addTo(WriteBatch batch, ColumnFamilyHandle family) throws RocksDBException {
            batch.delete(family, key);
        }
    }

    private record DeleteRange(byte[] from, byte[] to) implements Op {
        public void addTo(WriteBatch batch, ColumnFamilyHandle family) throws RocksDBException {
            batch.deleteRange(family, from, to);
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public TableWrite put(Table table, byte[] key, byte[] value) {
        ops.add(new Put(table.stored(key), value.clone()));
        return this;
    }

    public TableWrite delete(Table table, byte[] key) {
        ops.add(new Delete(table.stored(key)));
        return this;
    }

    /** Deletes the table's keys in [from, to), to null for the table's end, with one tombstone. */
    public TableWrite deleteRange(Table table, byte[] from, byte[] to) {
        ops.add(new DeleteRange(table.stored(from), to == null ? table.end() : table.stored(to)));
        return this;
    }

    /** A copy of the operations as they are now, for the writer thread. */
    BatchWork work(ColumnFamilyHandle family) {
        List<Op> snapshot = List.copyOf(ops);
        return batch -> {
            for (Op op : snapshot) {
                op.addTo(batch, family);
            }
        };
    }
}
