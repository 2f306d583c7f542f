package org.gantry.scheduler.control.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
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
import org.gantry.storage.tables.Tables;
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

    /** The first-run build is done: follow the journal from the offset it saved. */
    private record Started() implements Command {}

    private record Failed(Throwable cause) implements Command {}

    private JobProjector() {}

    /** @param readJournal the plugin id of the read journal over the job entities' journal */
    public static Behavior<Object> create(ProjectionProgress progress, String readJournal) {
        return Behaviors.setup(context -> {
            JobTable table = progress.table();
            ReadJournal journal = PersistenceQuery.get(Adapter.toClassic(context.getSystem()))
                    .getReadJournalFor(ReadJournal.class, readJournal);
            Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
            if (table.tables().offsets().load(JobProjection.NAME) instanceof Sequence) {
                return follow(context, progress, journal, blocking);
            }
            Pair<UniqueKillSwitch, CompletionStage<Long>> building =
                    rebuild(context.getSystem(), table, journal, blocking);
            context.pipeToSelf(building.second(), (head, failure) -> failure == null ? new Started()
                    : new Failed(failure));
            return Behaviors.receive(Object.class)
                    .onMessage(Started.class, started -> follow(context, progress, journal, blocking))
                    .onMessage(Failed.class, failed -> {
                        throw new IllegalStateException("could not build the job table from the journal", failed.cause());
                    })
                    // Aborted, not shut down: a rebuild cut short must not save its offset.
                    .onSignal(PostStop.class, stopped -> abort(building.first()))
                    .onSignal(PreRestart.class, restarting -> abort(building.first()))
                    .build();
        });
    }

    private static Behavior<Object> abort(UniqueKillSwitch building) {
        building.abort(new IllegalStateException("the job projector stopped while building the job table"));
        return Behaviors.same();
    }

    private static Behavior<Object> follow(ActorContext<Object> context, ProjectionProgress progress,
                                           ReadJournal journal, Executor blocking) {
        if (!(journal instanceof EventsByTagQuery byTag)) {
            throw new IllegalArgumentException("the read journal cannot stream events by tag, which the job table needs");
        }
        Tables tables = progress.table().tables();
        long from = ((Sequence) tables.offsets().load(JobProjection.NAME)).value();
        progress.advance(from);
        LOG.info("Job table follows the journal from offset {}", from);
        // Each (re)start waits for the write still in flight, then reads the offset saved with the
        // rows: a stream cut short by a failure never races its successor's reads and writes.
        AtomicReference<CompletableFuture<?>> lastWrite = new AtomicReference<>(CompletableFuture.completedFuture(null));
        Source<Long, NotUsed> written = RestartSource.onFailuresWithBackoff(
                RestartSettings.create(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2),
                () -> Source.completionStageSource(lastWrite.get().handle((done, failure) -> tables.offsets()
                                .load(JobProjection.NAME))
                        .thenApply(offset -> follow(byTag, offset, new JobProjection(progress.table()), blocking,
                                lastWrite)))
                        .watchTermination((notUsed, done) -> {
                            done.whenComplete((ended, failure) -> {
                                if (failure != null) {
                                    progress.failed(failure);
                                    LOG.error("The job table stopped following the journal; it starts again", failure);
                                }
                            });
                            return NotUsed.getInstance();
                        }));
        UniqueKillSwitch running = written
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(progress::advance), Keep.left())
                .run(context.getSystem());
        return Behaviors.receive(Object.class)
                .onSignal(PostStop.class, stopped -> stop(running))
                .onSignal(PreRestart.class, restarting -> stop(running))
                .build();
    }

    /** Events from {@code offset}, folded in batches, each batch's write done before the next is folded. */
    private static Source<Long, NotUsed> follow(EventsByTagQuery byTag, Offset offset, JobProjection projection,
                                               Executor blocking, AtomicReference<CompletableFuture<?>> lastWrite) {
        return byTag.eventsByTag(JobEntity.TAG, offset)
                .batch(MAX_BATCH, JobProjector::firstOf, JobProjector::plus)
                .mapAsync(1, batch -> {
                    CompletableFuture<Long> write = CompletableFuture
                            .supplyAsync(() -> projection.apply(batch), blocking)
                            .thenCompose(step -> projection.commit(step));
                    lastWrite.set(write);
                    return write;
                });
    }

    private static Behavior<Object> stop(UniqueKillSwitch running) {
        running.shutdown();
        return Behaviors.same();
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
    private static Pair<UniqueKillSwitch, CompletionStage<Long>> rebuild(ActorSystem<?> system, JobTable table,
                                                                         ReadJournal journal, Executor blocking) {
        if (!(journal instanceof CurrentPersistenceIdsQuery ids)
                || !(journal instanceof CurrentEventsByPersistenceIdQuery events)) {
            throw new IllegalArgumentException("the read journal cannot list persistence ids and their events, "
                    + "which building the job table needs");
        }
        long head = table.tables().journalHead(JobEntity.TAG);
        long started = System.nanoTime();
        LOG.info("Building the job table from every job's events (no saved offset: a new data directory, "
                + "or one from before the table)");
        Pair<UniqueKillSwitch, CompletionStage<Integer>> building = ids.currentPersistenceIds()
                .viaMat(KillSwitches.single(), Keep.right())
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
                .toMat(Sink.fold(0, Integer::sum), Keep.both())
                .run(system);
        CompletionStage<Long> built = building.second().thenCompose(jobs -> table.tables().offsets()
                .save(JobProjection.NAME, head).thenApply(saved -> {
                    LOG.info("Built the job table: {} jobs in {} ms", jobs, (System.nanoTime() - started) / 1_000_000);
                    return head;
                }));
        return Pair.create(building.first(), built);
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
