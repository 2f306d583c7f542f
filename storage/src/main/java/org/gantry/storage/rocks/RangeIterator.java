package org.gantry.storage.rocks;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A RocksDB iterator confined to [lower, upper) of one column family, owning the native
 * objects (read options, bound slices) that must outlive it. An iterator reads one consistent
 * point-in-time view of the database.
 */
public final class RangeIterator implements AutoCloseable {

    private final RocksStore store;
    private final Slice lower;
    private final Slice upper;
    private final ReadOptions readOptions;
    private final RocksIterator iterator;

    public RangeIterator(RocksStore store, Family family, byte[] lower, byte[] upper) {
        this.store = store;
        this.lower = new Slice(lower);
        this.upper = new Slice(upper);
        this.readOptions = new ReadOptions().setIterateLowerBound(this.lower).setIterateUpperBound(this.upper);
        this.iterator = store.db().newIterator(store.family(family), readOptions);
    }

    public RocksIterator raw() {
        return iterator;
    }

    /** Whether the iterator is on an entry; throws if it stopped because of an error. */
    public boolean valid() {
        if (iterator.isValid()) {
            return true;
        }
        try {
            iterator.status();
        } catch (RocksDBException e) {
            throw store.errors().onRead(e);
        }
        return false;
    }

    @Override
    public void close() {
        iterator.close();
        readOptions.close();
        upper.close();
        lower.close();
    }
}
