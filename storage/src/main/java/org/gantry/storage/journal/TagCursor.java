package org.gantry.storage.journal;

import java.util.Optional;
import org.apache.pekko.persistence.PersistentRepr;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.RangeIterator;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.TagKey;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;

/**
 * The events of one tag with an ordering above a given one, in ordering order. Index entries
 * whose event was deleted are skipped: the journal leaves them behind (see RocksJournal). An
 * event written a moment ago comes as the object the journal wrote, not decoded again.
 */
public final class TagCursor implements AutoCloseable {

    private final RocksStore store;
    private final EventCodec codec;
    private final RangeIterator range;
    private final ColumnFamilyHandle journal;
    private long scannedTo;

    TagCursor(RocksStore store, EventCodec codec, String tag, long afterOrdering) {
        this.store = store;
        this.codec = codec;
        this.journal = store.family(Family.JOURNAL);
        this.scannedTo = afterOrdering;
        this.range = new RangeIterator(store, Family.TAGS, TagKey.of(tag, afterOrdering + 1), TagKey.tagEnd(tag));
        range.raw().seekToFirst();
    }

    public Optional<TaggedEvent> next() {
        while (range.valid()) {
            long ordering = TagKey.ordering(range.raw().key());
            PersistentRepr event = store.recentlyTagged().get(ordering) instanceof PersistentRepr written
                    ? written : decode(read(range.raw().value()));
            range.raw().next();
            scannedTo = ordering;
            if (event != null) {
                return Optional.of(new TaggedEvent(ordering, event));
            }
        }
        return Optional.empty();
    }

    /** The highest ordering looked at so far, events skipped included: where a next page starts. */
    public long scannedTo() {
        return scannedTo;
    }

    private PersistentRepr decode(byte[] stored) {
        return stored == null ? null : codec.decode(stored);
    }

    private byte[] read(byte[] journalKey) {
        try {
            return store.db().get(journal, journalKey);
        } catch (RocksDBException e) {
            throw store.errors().onRead(e);
        }
    }

    @Override
    public void close() {
        range.close();
    }
}
