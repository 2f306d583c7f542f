package org.gantry.storage.journal;

import java.util.Optional;
import org.apache.pekko.persistence.PersistentRepr;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.PidSeqKey;
import org.gantry.storage.rocks.RangeIterator;
import org.gantry.storage.rocks.RocksStore;

/** The events of one persistenceId between two sequence numbers, oldest first, one at a time. */
public final class EventCursor implements AutoCloseable {

    private final RangeIterator range;
    private final EventCodec codec;

    EventCursor(RocksStore store, EventCodec codec, String persistenceId, long fromSequenceNr, long toSequenceNr) {
        this.codec = codec;
        byte[] lower = PidSeqKey.of(persistenceId, Math.max(0, fromSequenceNr));
        byte[] upper = toSequenceNr == Long.MAX_VALUE
                ? PidSeqKey.prefixEnd(persistenceId)
                : PidSeqKey.of(persistenceId, Math.max(0, toSequenceNr + 1));
        this.range = new RangeIterator(store, Family.JOURNAL, lower, upper);
        range.raw().seekToFirst();
    }

    public Optional<PersistentRepr> next() {
        if (!range.valid()) {
            return Optional.empty();
        }
        PersistentRepr event = codec.decode(range.raw().value());
        range.raw().next();
        return Optional.of(event);
    }

    /** The next event's sequence number without decoding it, or -1 at the end. */
    public long peekSequenceNr() {
        return range.valid() ? PidSeqKey.sequenceNr(range.raw().key()) : -1;
    }

    @Override
    public void close() {
        range.close();
    }
}
