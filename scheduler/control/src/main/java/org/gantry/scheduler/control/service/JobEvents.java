package org.gantry.scheduler.control.service;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.control.job.JobEntity;
import org.gantry.scheduler.control.job.JobEvent;

/** A job's event log, read from the journal: its history, and where its attempts ran. */
final class JobEvents {
    private final ActorSystem<?> system;
    private final CurrentEventsByPersistenceIdQuery journal;

    JobEvents(ActorSystem<?> system, String readJournal) {
        this.system = system;
        this.journal = PersistenceQuery.get(Adapter.toClassic(system))
                .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournal);
    }

    CompletionStage<List<JobEvent>> of(JobId id) {
        return journal.currentEventsByPersistenceId(JobEntity.persistenceId(id).id(), 0, Long.MAX_VALUE)
                .map(envelope -> (JobEvent) envelope.event())
                .runWith(Sink.seq(), system);
    }
}
