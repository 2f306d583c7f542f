package org.gantry.storage.journal;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import org.apache.pekko.serialization.SerializationExtension;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.Bytes;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.PidSeqKey;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.ScalaFutures;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.rocks.TagOrdering;
import org.rocksdb.ColumnFamilyHandle;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Pekko Persistence journal plugin ({@code gantry.rocksdb.journal}). Serialisation happens
 * here, on the journal actor; the bytes then join the store's next group commit, and the write
 * is acknowledged once that group's WAL sync returns. Reads run on the replay dispatcher.
 *
 * <p>Tagged events (Pekko's {@link Tagged}, as typed persistence's {@code withTagger} makes them)
 * are stored untagged, and each gets the next {@link TagOrdering} and one tag index entry per tag
 * in the same WriteBatch, so an index entry never exists without its event or the other way round
 * ({@link JournalWrites}, which {@link JournalAppender} shares for a new id's first event).
 */
public final class RocksJournal extends AsyncWriteJournal {

    private final RocksStore store;
    private final EventCodec codec;
    private final JournalReader reader;
    private final JournalWrites writes;
    private final ExecutionContext readContext;

    public RocksJournal(Config config) {
        this.store = RocksStorage.get(context().system()).store(StoreSettings.fromConfig(config));
        this.codec = new EventCodec(SerializationExtension.get(context().system()));
        this.reader = new JournalReader(store, codec);
        this.writes = new JournalWrites(store, codec);
        this.readContext = context().system().dispatchers().lookup(config.getString("replay-dispatcher"));
    }

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        long started = System.nanoTime();
        long now = System.currentTimeMillis();
        List<Optional<Exception>> results = new ArrayList<>();
        List<JournalWrites.Entry> accepted = new ArrayList<>();
        for (AtomicWrite write : messages) {
            try {
                // all of an AtomicWrite, or none of it
                accepted.addAll(writes.encode(CollectionConverters.asJava(write.payload()), now));
                results.add(Optional.empty());
            } catch (Exception e) {
                results.add(Optional.of(e)); // rejected: the actor is told, the journal goes on
            }
        }
        Iterable<Optional<Exception>> outcome = results;
        if (accepted.isEmpty()) {
            return Futures.successful(outcome);
        }
        return ScalaFutures.of(writes.commit(accepted, started).thenApply(done -> outcome));
    }

    /**
     * Deletes events up to {@code toSequenceNr} (capped at the highest written) with one range
     * tombstone, and records the cap so the highest sequence number survives the deletion. Tag
     * index entries stay (finding them would need a reverse index, a second Put per event):
     * queries skip entries whose event is gone, and the highest ordering survives for recovery.
     */
    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        ColumnFamilyHandle journal = store.family(Family.JOURNAL);
        ColumnFamilyHandle meta = store.family(Family.META);
        // Alone: the highest sequence number must include writes queued before this delete.
        return ScalaFutures.of(store.commitAlone(batch -> {
            long to = Math.min(toSequenceNr, reader.highestSequenceNr(persistenceId));
            if (to <= reader.deletedTo(persistenceId)) {
                return;
            }
            batch.deleteRange(journal, PidSeqKey.of(persistenceId, 0), PidSeqKey.of(persistenceId, to + 1));
            store.recentlyTagged().clear(); // a deleted event must not be served from memory either
            batch.put(meta, MetaKeys.deletedTo(persistenceId), Bytes.ofLong(to));
        }));
    }

    @Override
    public Future<Void> doAsyncReplayMessages(
            String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
            Consumer<PersistentRepr> replayCallback) {
        return Futures.future(() -> {
            reader.replay(persistenceId, fromSequenceNr, toSequenceNr, max, replayCallback);
            return null;
        }, readContext);
    }

    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        return Futures.future(() -> reader.highestSequenceNr(persistenceId), readContext);
    }
}
