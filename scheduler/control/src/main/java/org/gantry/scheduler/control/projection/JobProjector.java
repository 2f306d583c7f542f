package org.gantry.scheduler.control.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.gantry.scheduler.control.job.JobEntity;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;
import org.gantry.storage.tables.TableWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link JobTable} up to date: follows {@code eventsByTag("job")} from the saved
 * offset, folds each batch in with {@link JobProjection}, and publishes how far it got. A
 * cluster singleton on the control node, so the table has one writer. On its very first run
 * (no offset saved: a new data directory, or one from before the tag index) it builds the table
 * from every job's events once.
 */
public final class JobProjector {
    private static final Logger LOG = LoggerFactory.getLogger(JobProjector.class);
    /** The most events folded into one write; under load, batches grow up to this. */
    private static final int MAX_BATCH = 2_000;
    private static final int PARALLEL_READS = 8;

    private sealed interface Command permits Started, Failed {}

    private record Started(long offset) implements Command {}

    private record Failed(Throwable cause) implements Command {}

    private JobProjector() {}

    /** @param readJournal the plugin id of the read journal over the job entities' journal */
    public static Behavior<Object> create(ProjectionProgress progress, String readJournal) {
        return Behaviors.setup(context -> {
            JobTable table = progress.table();
            ReadJournal journal = PersistenceQuery.get(Adapter.toClassic(context.getSystem()))
                    .getReadJournalFor(ReadJournal.class, readJournal);
            Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
            Offset saved = table.tables().offsets().load(JobProjection.NAME);
            CompletionStage<Long> start = saved instanceof Sequence sequence
                    ? CompletableFuture.completedFuture(sequence.value())
                    : rebuild(context.getSystem(), table, journal, blocking);
            context.pipeToSelf(start, (offset, failure) -> failure == null ? new Started(offset) : new Failed(failure));
            return Behaviors.receive(Object.class)
                    .onMessage(Started.class, started -> follow(context, progress, journal, blocking, started.offset()))
                    .onMessage(Failed.class, failed -> {
                        throw new IllegalStateException("could not build the job table from the journal", failed.cause());
                    })
                    .build();
        });
    }

    private static Behavior<Object> follow(ActorContext<Object> context, ProjectionProgress progress,
                                           ReadJournal journal, Executor blocking, long from) {
        if (!(journal instanceof EventsByTagQuery byTag)) {
            throw new IllegalArgumentException("the read journal cannot stream events by tag, which the job table needs");
        }
        JobProjection projection = new JobProjection(progress.table());
        progress.advance(from);
        LOG.info("Job table follows the journal from offset {}", from);
        // After a failure, start again from what the table holds: the offset saved with its rows.
        Source<Long, NotUsed> written = RestartSource.onFailuresWithBackoff(
                RestartSettings.create(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2),
                () -> byTag.eventsByTag(JobEntity.TAG, Offset.sequence(Math.max(0, progress.offset())))
                        .batch(MAX_BATCH, JobProjector::firstOf, JobProjector::plus)
                        .mapAsync(1, batch -> CompletableFuture
                                .supplyAsync(() -> projection.apply(batch), blocking)
                                .thenCompose(step -> progress.table().tables().commit(step.write())
                                        .thenApply(done -> step.offset()))));
        UniqueKillSwitch running = written
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(progress::advance), Keep.left())
                .run(context.getSystem());
        return Behaviors.receive(Object.class)
                .onSignal(PostStop.class, stopped -> {
                    running.shutdown();
                    return Behaviors.same();
                })
                .build();
    }

    private static List<EventEnvelope> firstOf(EventEnvelope envelope) {
        List<EventEnvelope> batch = new ArrayList<>();
        batch.add(envelope);
        return batch;
    }

    private static List<EventEnvelope> plus(List<EventEnvelope> batch, EventEnvelope envelope) {
        batch.add(envelope);
        return batch;
    }

    /**
     * Builds the table from every job's events and returns the offset to follow from: the tag
     * head read before, so an event written meanwhile is delivered again and skipped by its row.
     */
    private static CompletionStage<Long> rebuild(ActorSystem<?> system, JobTable table, ReadJournal journal,
                                                 Executor blocking) {
        if (!(journal instanceof CurrentPersistenceIdsQuery ids)
                || !(journal instanceof CurrentEventsByPersistenceIdQuery events)) {
            throw new IllegalArgumentException("the read journal cannot list persistence ids and their events, "
                    + "which building the job table needs");
        }
        long head = table.tables().journalHead(JobEntity.TAG);
        long started = System.nanoTime();
        LOG.info("Building the job table from every job's events (no saved offset: a new data directory, "
                + "or one from before the table)");
        CompletionStage<Integer> built = ids.currentPersistenceIds()
                .filter(JobProjection::isJob)
                .mapAsyncUnordered(PARALLEL_READS, id -> events.currentEventsByPersistenceId(id, 0, Long.MAX_VALUE)
                        .runWith(Sink.seq(), system)
                        .thenApply(envelopes -> toRow(id, envelopes)))
                .filter(row -> row != null)
                .grouped(1_000)
                .mapAsync(1, rows -> CompletableFuture.supplyAsync(() -> {
                    TableWrite write = new TableWrite();
                    rows.forEach(row -> table.stage(write, table.row(row.id()).orElse(null), row));
                    return write;
                }, blocking).thenCompose(write -> table.tables().commit(write)).thenApply(done -> rows.size()))
                .runWith(Sink.fold(0, Integer::sum), system);
        return built.thenCompose(jobs -> table.tables().offsets().save(JobProjection.NAME, head).thenApply(saved -> {
            LOG.info("Built the job table: {} jobs in {} ms", jobs, (System.nanoTime() - started) / 1_000_000);
            return head;
        }));
    }

    private static JobRow toRow(String persistenceId, List<EventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return null;
        }
        List<JobEvent> events = envelopes.stream().map(envelope -> (JobEvent) envelope.event()).toList();
        JobLifecycle stage = JobLifecycle.fold(events);
        return new JobRow(JobProjection.jobId(persistenceId), envelopes.get(envelopes.size() - 1).sequenceNr(),
                (JobLifecycle.Known) stage);
    }
}
