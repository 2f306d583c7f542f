package org.gantry.storage.journal;

import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.persistence.PersistentRepr;
import org.gantry.storage.rocks.Bytes;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.PidSeqKey;
import org.gantry.storage.rocks.RangeIterator;
import org.gantry.storage.rocks.RocksStore;
import org.rocksdb.RocksDBException;

/** Reads the journal: replay, highest sequence numbers, ids. Safe from any thread. */
public final class JournalReader {

    private final RocksStore store;
    private final EventCodec codec;

    public JournalReader(RocksStore store, EventCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    public EventCursor events(String persistenceId, long fromSequenceNr, long toSequenceNr) {
        return new EventCursor(store, codec, persistenceId, fromSequenceNr, toSequenceNr);
    }

    /** The events tagged {@code tag} with an ordering above {@code afterOrdering}, as of now. */
    public TagCursor eventsByTag(String tag, long afterOrdering) {
        return new TagCursor(store, codec, tag, afterOrdering);
    }

    public PersistenceIdCursor persistenceIds() {
        return new PersistenceIdCursor(store);
    }

    public void replay(String persistenceId, long from, long to, long max, Consumer<PersistentRepr> onEvent) {
        if (max <= 0 || from > to) {
            return;
        }
        try (EventCursor cursor = events(persistenceId, from, to)) {
            long replayed = 0;
            Optional<PersistentRepr> event;
            while (replayed < max && (event = cursor.next()).isPresent()) {
                onEvent.accept(event.get());
                replayed++;
            }
        }
    }

    /**
     * The highest sequence number ever written for the id, even if every event up to it has
     * been deleted since; 0 when nothing was written.
     */
    public long highestSequenceNr(String persistenceId) {
        long stored = 0;
        try (RangeIterator range = new RangeIterator(store, Family.JOURNAL,
                PidSeqKey.prefix(persistenceId), PidSeqKey.prefixEnd(persistenceId))) {
            range.raw().seekToLast();
            if (range.valid()) {
                stored = PidSeqKey.sequenceNr(range.raw().key());
            }
        }
        return Math.max(stored, deletedTo(persistenceId));
    }

    /** The sequence number up to which the id's events were deleted, 0 if none were. */
    public long deletedTo(String persistenceId) {
        try {
            byte[] value = store.db().get(store.family(Family.META), MetaKeys.deletedTo(persistenceId));
            return value == null ? 0 : Bytes.toLong(value);
        } catch (RocksDBException e) {
            throw store.errors().onRead(e);
        }
    }
}
