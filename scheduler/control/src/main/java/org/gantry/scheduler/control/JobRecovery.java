package org.gantry.scheduler.control;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;
import org.apache.pekko.stream.javadsl.Sink;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.control.job.JobEntity;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;

/**
 * Reads every job record back from the journal, for a scheduler starting after a failover or
 * a restart: each job's events folded by the same function the entity uses, so the view
 * starts from exactly what the entities would say.
 */
public final class JobRecovery {
    private static final String PREFIX = JobEntity.TYPE_KEY.name() + "|";
    private static final int PARALLEL_READS = 8;

    private JobRecovery() {}

    /** @param readJournal the plugin id of a read journal over the job entities' journal */
    public static CompletionStage<List<Job>> load(ActorSystem<?> system, String readJournal) {
        ReadJournal journal = PersistenceQuery.get(Adapter.toClassic(system))
                .getReadJournalFor(ReadJournal.class, readJournal);
        if (!(journal instanceof CurrentPersistenceIdsQuery ids)
                || !(journal instanceof CurrentEventsByPersistenceIdQuery events)) {
            throw new IllegalArgumentException("read journal " + readJournal
                    + " cannot list persistence ids and their events, which recovery needs");
        }
        return ids.currentPersistenceIds()
                .filter(id -> id.startsWith(PREFIX))
                .mapAsyncUnordered(PARALLEL_READS, id -> events.currentEventsByPersistenceId(id, 0, Long.MAX_VALUE)
                        .map(envelope -> (JobEvent) envelope.event())
                        .runWith(Sink.seq(), system)
                        .thenApply(list -> JobLifecycle.replay(JobId.of(id.substring(PREFIX.length())), list)))
                .filter(Objects::nonNull)
                .runWith(Sink.seq(), system);
    }
}
