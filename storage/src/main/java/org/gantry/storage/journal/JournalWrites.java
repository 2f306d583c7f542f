package org.gantry.storage.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.PidSeqKey;
import org.gantry.storage.rocks.RecentlyWritten;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.TagKey;
import org.gantry.storage.rocks.TagOrdering;
import org.rocksdb.ColumnFamilyHandle;
import scala.jdk.javaapi.CollectionConverters;

/**
 * How events go into the journal, for the plugin ({@link RocksJournal}) and for
 * {@link JournalAppender} alike: encoded untagged, each tagged one given the next
 * {@link TagOrdering} on the writer thread (commit order) and one tag index entry per tag in the
 * same WriteBatch, live tag queries woken once the group commit returns.
 */
final class JournalWrites {

    /** One encoded event, as stored (untagged), and the tags it is indexed under (empty when untagged). */
    record Entry(byte[] key, byte[] value, PersistentRepr event, List<String> tags) {}

    private final RocksStore store;
    private final EventCodec codec;

    JournalWrites(RocksStore store, EventCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** The entries of one atomic write, stamped {@code now}; throws when an event cannot be encoded or a tag is invalid. */
    List<Entry> encode(Iterable<PersistentRepr> events, long now) {
        List<Entry> entries = new ArrayList<>();
        for (PersistentRepr event : events) {
            byte[] key = PidSeqKey.of(event.persistenceId(), event.sequenceNr());
            List<String> eventTags = tags(event);
            PersistentRepr stored = EventCodec.untagged(event.withTimestamp(now));
            entries.add(new Entry(key, codec.encode(stored), stored, eventTags));
        }
        return entries;
    }

    /** Writes the entries in the store's next group commit; completes once it is durable and published. */
    CompletableFuture<Void> commit(List<Entry> entries, long startedNanos) {
        ColumnFamilyHandle journal = store.family(Family.JOURNAL);
        ColumnFamilyHandle tags = store.family(Family.TAGS);
        TagOrdering ordering = store.tagOrdering();
        RecentlyWritten recent = store.recentlyTagged();
        Map<String, Long> heads = new HashMap<>(); // filled on the writer thread, read after the commit
        return store.commit(batch -> {
            for (Entry entry : entries) {
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
            store.journalTimings().journalWrote(System.nanoTime() - startedNanos);
            return null;
        });
    }

    /** Checked before the commit, so a bad tag rejects its write instead of failing the whole group. */
    private static List<String> tags(PersistentRepr event) {
        if (!(event.payload() instanceof Tagged tagged)) {
            return List.of();
        }
        List<String> tags = List.copyOf(CollectionConverters.asJava(tagged.tags()));
        tags.forEach(TagKey::requireValid);
        return tags;
    }
}
