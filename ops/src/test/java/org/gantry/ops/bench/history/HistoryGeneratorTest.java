package org.gantry.ops.bench.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobState;
import org.gantry.ops.node.NodeConfig;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.NodeRoles;
import org.gantry.scheduler.control.job.JobEntity;
import org.gantry.scheduler.control.projection.JobRow;
import org.gantry.scheduler.control.projection.JobTable;
import org.gantry.scheduler.control.tenant.TenantDirectory;
import org.gantry.scheduler.control.tenant.TenantEvent;
import org.gantry.storage.tables.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryGeneratorTest {
    @TempDir
    Path dataDir;

    @Test
    void writesTheEventsAndTheTableCatchesUp() throws Exception {
        HistoryShape shape = new HistoryShape(dataDir, 120, 7, 5, 3, 2, 8, 42);

        HistoryReport report = new HistoryGenerator(shape).run(fraction -> {});

        assertThat(report.succeeded() + report.failed() + report.cancelled()).isEqualTo(120);
        assertThat(report.succeeded()).isPositive();
        assertThat(report.failed() + report.cancelled()).isPositive();
        assertThat(dataDir.resolve(HistoryGenerator.REPORT_FILE)).exists();

        ActorSystem<Void> system = reopen();
        try {
            JobTable table = JobTable.open(system);
            assertThat(table.newest(JobState.SUCCEEDED, 1_000)).hasSize(report.succeeded());
            assertThat(table.newest(JobState.FAILED, 1_000)).hasSize(report.failed());
            assertThat(table.newest(JobState.CANCELLED, 1_000)).hasSize(report.cancelled());
            assertThat(table.newest(JobState.PENDING, 1_000)).hasSize(7);
            List<JobRow> running = table.newest(JobState.RUNNING, 1_000);
            assertThat(running).hasSize(5);
            for (JobRow row : running) {
                Job job = row.view();
                assertThat(job.allocation().keySet()).allMatch(node -> Set.of("node-1", "node-2").contains(node.value()));
                assertThat(job.allocation().values().stream().mapToInt(List::size).sum()).isEqualTo(job.spec().gpus().min());
            }
            // Counted from the outcomes, not from the journal: 4 events a succeeded or failed job, 5 a
            // cancelled one (its cancel request too), 3 a running one, 1 a pending one.
            long expectedEvents = 4L * (report.succeeded() + report.failed()) + 5L * report.cancelled() + 3 * 5 + 7;
            assertThat(Tables.of(Adapter.toClassic(system)).journalHead(JobEntity.TAG)).isEqualTo(report.jobEvents())
                    .isEqualTo(expectedEvents);
            assertThat(tenantEvents(system)).extracting(created -> created.spec().name().value())
                    .containsExactly("default", "team-2", "team-3");
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesADataDirectoryWithAJournal() throws Exception {
        new HistoryGenerator(new HistoryShape(dataDir, 1, 0, 0, 1, 1, 8, 1)).run(fraction -> {});

        assertThatThrownBy(() -> new HistoryGenerator(new HistoryShape(dataDir, 1, 0, 0, 1, 1, 8, 1)).run(f -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds a journal");
    }

    private ActorSystem<Void> reopen() {
        return ActorSystem.create(Behaviors.empty(), NodeConfig.SYSTEM_NAME,
                NodeConfig.of(new NodeOptions(Set.of(NodeRoles.CONTROL), "127.0.0.1", 0, List.of(), dataDir)));
    }

    private static List<TenantEvent.TenantCreated> tenantEvents(ActorSystem<?> system) throws Exception {
        CurrentEventsByPersistenceIdQuery query = PersistenceQuery.get(Adapter.toClassic(system))
                .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class,
                        system.settings().config().getString("gantry.control.read-journal"));
        List<EventEnvelope> envelopes = query.currentEventsByPersistenceId(TenantDirectory.PERSISTENCE_ID.id(), 0,
                Long.MAX_VALUE).runWith(Sink.seq(), system).toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<TenantEvent.TenantCreated> created = new ArrayList<>();
        envelopes.forEach(envelope -> created.add((TenantEvent.TenantCreated) envelope.event()));
        return created;
    }
}
