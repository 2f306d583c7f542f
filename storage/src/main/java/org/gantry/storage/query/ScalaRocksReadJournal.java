package org.gantry.storage.query;

import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.scaladsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.scaladsl.CurrentEventsByTagQuery;
import org.apache.pekko.persistence.query.scaladsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.persistence.query.scaladsl.EventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.scaladsl.EventsByTagQuery;
import org.apache.pekko.persistence.query.scaladsl.ReadJournal;
import org.apache.pekko.stream.scaladsl.Source;

/** The Scala API of {@link RocksReadJournal}: the same streams, converted. */
public final class ScalaRocksReadJournal
        implements ReadJournal,
                CurrentPersistenceIdsQuery,
                CurrentEventsByPersistenceIdQuery,
                EventsByPersistenceIdQuery,
                CurrentEventsByTagQuery,
                EventsByTagQuery {

    private final RocksReadJournal javaJournal;

    ScalaRocksReadJournal(RocksReadJournal javaJournal) {
        this.javaJournal = javaJournal;
    }

    @Override
    public Source<String, NotUsed> currentPersistenceIds() {
        return javaJournal.currentPersistenceIds().asScala();
    }

    @Override
    public Source<EventEnvelope, NotUsed> currentEventsByPersistenceId(
            String persistenceId, long fromSequenceNr, long toSequenceNr) {
        return javaJournal.currentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr).asScala();
    }

    @Override
    public Source<EventEnvelope, NotUsed> eventsByPersistenceId(
            String persistenceId, long fromSequenceNr, long toSequenceNr) {
        return javaJournal.eventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr).asScala();
    }

    @Override
    public Source<EventEnvelope, NotUsed> currentEventsByTag(String tag, Offset offset) {
        return javaJournal.currentEventsByTag(tag, offset).asScala();
    }

    @Override
    public Source<EventEnvelope, NotUsed> eventsByTag(String tag, Offset offset) {
        return javaJournal.eventsByTag(tag, offset).asScala();
    }
}
