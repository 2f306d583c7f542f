package org.gantry.storage.query;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentLastSequenceNumberByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Source;
import org.gantry.storage.journal.EventCodec;
import org.gantry.storage.journal.JournalReader;
import org.gantry.storage.rocks.RocksStore;

/**
 * Pekko Persistence Query over the RocksDB journal (Java API), for the queries that end: the ids
 * with events, the events of one id, an id's highest sequence number. Streams read one
 * consistent point-in-time view on Pekko Streams' blocking-I/O dispatcher.
 */
public final class RocksReadJournal
        implements ReadJournal,
                CurrentPersistenceIdsQuery,
                CurrentEventsByPersistenceIdQuery,
                CurrentLastSequenceNumberByPersistenceIdQuery {

    /** The identifier to pass to {@code PersistenceQuery.getReadJournalFor}. */
    public static final String IDENTIFIER = "gantry.rocksdb.query";

    private final JournalReader reader;
    private final Executor readExecutor;

    RocksReadJournal(ExtendedActorSystem system, RocksStore store, String readDispatcher) {
        this.reader = new JournalReader(store, new EventCodec(SerializationExtension.get(system)));
        this.readExecutor = system.dispatchers().lookup(readDispatcher);
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
    public CompletionStage<Optional<Long>> currentLastSequenceNumberByPersistenceId(String persistenceId) {
        return CompletableFuture.supplyAsync(() -> {
            long highest = reader.highestSequenceNr(persistenceId);
            return highest == 0 ? Optional.<Long>empty() : Optional.of(highest);
        }, readExecutor);
    }

    private static EventEnvelope envelope(PersistentRepr event) {
        return new EventEnvelope(Offset.sequence(event.sequenceNr()), event.persistenceId(), event.sequenceNr(),
                event.payload(), event.timestamp(), event.metadata());
    }
}
