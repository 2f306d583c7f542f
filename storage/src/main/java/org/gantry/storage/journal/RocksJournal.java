package org.gantry.storage.journal;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.gantry.storage.rocks.RecentlyWritten;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.ScalaFutures;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.rocks.TagKey;
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
 * in the same WriteBatch, so an index entry never exists without its event or the other way round.
 */
public final class RocksJournal extends AsyncWriteJournal {

    /** One encoded event, as stored (untagged), and the tags it is indexed under (empty when untagged). */
    private record Entry(byte[] key, byte[] value, PersistentRepr event, List<String> tags) {}

    private final RocksStore store;
    private final EventCodec codec;
    private final JournalReader reader;
    private final ExecutionContext readContext;

    public RocksJournal(Config config) {
        this.store = RocksStorage.get(context().system()).store(StoreSettings.fromConfig(config));
        this.codec = new EventCodec(SerializationExtension.get(context().system()));
        this.reader = new JournalReader(store, codec);
        this.readContext = context().system().dispatchers().lookup(config.getString("replay-dispatcher"));
    }

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        long started = System.nanoTime();
        long now = System.currentTimeMillis();
        List<Optional<Exception>> results = new ArrayList<>();
        List<Entry> accepted = new ArrayList<>();
        for (AtomicWrite write : messages) {
            try {
                accepted.addAll(encode(write, now)); // all of an AtomicWrite, or none of it
                results.add(Optional.empty());
            } catch (Exception e) {
                results.add(Optional.of(e)); // rejected: the actor is told, the journal goes on
            }
        }
        Iterable<Optional<Exception>> outcome = results;
        if (accepted.isEmpty()) {
            return Futures.successful(outcome);
        }
        ColumnFamilyHandle journal = store.family(Family.JOURNAL);
        ColumnFamilyHandle tags = store.family(Family.TAGS);
        TagOrdering ordering = store.tagOrdering();
        RecentlyWritten recent = store.recentlyTagged();
        Map<String, Long> heads = new HashMap<>(); // filled on the writer thread, read after the commit
        return ScalaFutures.of(store.commit(batch -> {
            for (Entry entry : accepted) {
                batch.put(journal, entry.key(), entry.value());
                if (!entry.tags().isEmpty()) {
                    long position = ordering.next(); // on the writer thread: commit order
                    recent.put(position, entry.event()); // live tag queries take it instead of decoding
                    for (String tag : entry.tags()) {
                        batch.put(tags, TagKey.of(tag, position), entry.key());
                        heads.put(tag, position);
                    }
                }
            }
        }).thenApply(done -> {
            ordering.published(heads);
            store.journalWrites().fire();
            store.journalTimings().journalWrote(System.nanoTime() - started);
            return outcome;
        }));
    }

    private List<Entry> encode(AtomicWrite write, long now) {
        List<Entry> entries = new ArrayList<>();
        for (PersistentRepr event : CollectionConverters.asJava(write.payload())) {
            byte[] key = PidSeqKey.of(event.persistenceId(), event.sequenceNr());
            List<String> eventTags = tags(event);
            PersistentRepr stored = EventCodec.untagged(event.withTimestamp(now));
            entries.add(new Entry(key, codec.encode(stored), stored, eventTags));
        }
        return entries;
    }

    /** Checked here, so a bad tag rejects its AtomicWrite instead of failing the whole group. */
    private static List<String> tags(PersistentRepr event) {
        if (!(event.payload() instanceof Tagged tagged)) {
            return List.of();
        }
        List<String> tags = List.copyOf(CollectionConverters.asJava(tagged.tags()));
        tags.forEach(TagKey::requireValid);
        return tags;
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
