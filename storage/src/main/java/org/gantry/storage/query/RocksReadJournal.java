package org.gantry.storage.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByTagQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentLastSequenceNumberByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Source;
import org.gantry.storage.journal.EventCursor;
import org.gantry.storage.journal.EventCodec;
import org.gantry.storage.journal.JournalReader;
import org.gantry.storage.journal.TagCursor;
import org.gantry.storage.journal.TaggedEvent;
import org.gantry.storage.query.LiveSource.Page;
import org.gantry.storage.rocks.RocksStore;

/**
 * Pekko Persistence Query over the RocksDB journal (Java API). The {@code current} queries read
 * one consistent point-in-time view on Pekko Streams' blocking-I/O dispatcher and end; the live
 * ones read pages on the read dispatcher and, once caught up, wait for the journal's next write
 * (or {@code refresh-interval}, whichever comes first).
 *
 * <p>Tag offsets are {@link Sequence}s of the global ordering (see
 * {@link org.gantry.storage.rocks.TagOrdering}), exclusive: {@code Offset.sequence(n)} yields the
 * events after n. Offsets of {@code eventsByPersistenceId} are the sequence numbers.
 */
public final class RocksReadJournal
        implements ReadJournal,
                CurrentPersistenceIdsQuery,
                CurrentEventsByPersistenceIdQuery,
                EventsByPersistenceIdQuery,
                CurrentEventsByTagQuery,
                EventsByTagQuery,
                CurrentLastSequenceNumberByPersistenceIdQuery {

    /** The identifier to pass to {@code PersistenceQuery.getReadJournalFor}. */
    public static final String IDENTIFIER = "gantry.rocksdb.query";

    private final JournalReader reader;
    private final Executor readExecutor;
    private final LiveSource live;
    private final int pageSize;

    RocksReadJournal(ExtendedActorSystem system, RocksStore store, String readDispatcher,
            Duration refreshInterval, int pageSize) {
        this.reader = new JournalReader(store, new EventCodec(SerializationExtension.get(system)));
        this.readExecutor = system.dispatchers().lookup(readDispatcher);
        this.live = new LiveSource(store.journalWrites(), refreshInterval, readExecutor);
        this.pageSize = pageSize;
    }

    @Override
    public Source<String, NotUsed> currentPersistenceIds() {
        return Source.unfoldResource(reader::persistenceIds, cursor -> cursor.next(), cursor -> cursor.close());
    }

    @Override
    public Source<EventEnvelope, NotUsed> currentEventsByPersistenceId(
            String persistenceId, long fromSequenceNr, long toSequenceNr) {
        return Source.unfoldResource(
                () -> reader.events(persistenceId, fromSequenceNr, toSequenceNr),
                cursor -> cursor.next().map(RocksReadJournal::envelope),
                cursor -> cursor.close());
    }

    @Override
    public Source<EventEnvelope, NotUsed> eventsByPersistenceId(
            String persistenceId, long fromSequenceNr, long toSequenceNr) {
        return live.from(Math.max(1, fromSequenceNr), from -> {
            if (from > toSequenceNr) {
                return new Page<>(List.of(), from, true);
            }
            List<EventEnvelope> items = new ArrayList<>();
            long next = from;
            try (EventCursor cursor = reader.events(persistenceId, from, toSequenceNr)) {
                Optional<PersistentRepr> event;
                while (items.size() < pageSize && (event = cursor.next()).isPresent()) {
                    items.add(envelope(event.get()));
                    next = event.get().sequenceNr() + 1;
                }
            }
            return new Page<>(items, next, next > toSequenceNr);
        });
    }

    @Override
    public Source<EventEnvelope, NotUsed> currentEventsByTag(String tag, Offset offset) {
        long after = after(offset);
        return Source.unfoldResource(
                () -> reader.eventsByTag(tag, after),
                cursor -> cursor.next().map(RocksReadJournal::envelope),
                cursor -> cursor.close());
    }

    @Override
    public Source<EventEnvelope, NotUsed> eventsByTag(String tag, Offset offset) {
        return live.from(after(offset), after -> {
            List<EventEnvelope> items = new ArrayList<>();
            try (TagCursor cursor = reader.eventsByTag(tag, after)) {
                Optional<TaggedEvent> event;
                while (items.size() < pageSize && (event = cursor.next()).isPresent()) {
                    items.add(envelope(event.get()));
                }
                return new Page<>(items, cursor.scannedTo(), false);
            }
        });
    }

    @Override
    public CompletionStage<Optional<Long>> currentLastSequenceNumberByPersistenceId(String persistenceId) {
        return CompletableFuture.supplyAsync(() -> {
            long highest = reader.highestSequenceNr(persistenceId);
            return highest == 0 ? Optional.<Long>empty() : Optional.of(highest);
        }, readExecutor);
    }

    /** The ordering after which a tag query starts: 0 for no offset, n for {@code Sequence(n)}. */
    private static long after(Offset offset) {
        if (offset.equals(Offset.noOffset())) {
            return 0;
        }
        if (offset instanceof Sequence sequence) {
            return Math.max(0, sequence.value());
        }
        throw new IllegalArgumentException("the RocksDB read journal takes Offset.noOffset() or Offset.sequence(n), not "
                + offset);
    }

    private static EventEnvelope envelope(PersistentRepr event) {
        return new EventEnvelope(Offset.sequence(event.sequenceNr()), event.persistenceId(), event.sequenceNr(),
                event.payload(), event.timestamp(), event.metadata());
    }

    // Pekko 1.x's classic EventEnvelope has no field for tags; the query's tag is the one asked for.
    private static EventEnvelope envelope(TaggedEvent tagged) {
        PersistentRepr event = tagged.event();
        return new EventEnvelope(Offset.sequence(tagged.ordering()), event.persistenceId(), event.sequenceNr(),
                event.payload(), event.timestamp(), event.metadata());
    }
}
