package org.gantry.storage.journal;

import java.util.Optional;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.PidSeqKey;
import org.gantry.storage.rocks.RangeIterator;
import org.gantry.storage.rocks.RocksStore;

/**
 * Every persistenceId with at least one stored event, in key order: reads one key per id and
 * seeks past the rest of its events.
 */
public final class PersistenceIdCursor implements AutoCloseable {

    private static final byte[] FIRST = new byte[0];
    private static final byte[] PAST_LAST = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    private final RangeIterator range;

    PersistenceIdCursor(RocksStore store) {
        this.range = new RangeIterator(store, Family.JOURNAL, FIRST, PAST_LAST);
        range.raw().seekToFirst();
    }

    public Optional<String> next() {
        if (!range.valid()) {
            return Optional.empty();
        }
        String persistenceId = PidSeqKey.persistenceId(range.raw().key());
        range.raw().seek(PidSeqKey.prefixEnd(persistenceId));
        return Optional.of(persistenceId);
    }

    @Override
    public void close() {
        range.close();
    }
}
