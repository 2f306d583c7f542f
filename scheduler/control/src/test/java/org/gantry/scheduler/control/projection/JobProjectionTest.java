package org.gantry.scheduler.control.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.JobQuery;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.ControlPlaneHarness;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.StoredSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folding batches into the job table on a real RocksDB: in order, each event once, gaps refused. */
class JobProjectionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String PID = "Job|j-1";

    @TempDir
    Path dataDir;

    private ActorSystem<Void> system;
    private JobTable table;
    private JobProjection projection;

    @BeforeEach
    void open() {
        system = ActorSystem.create(Behaviors.empty(), "projection", ControlPlaneHarness.config(dataDir));
        table = JobTable.open(system);
        projection = new JobProjection(table);
    }

    @AfterEach
    void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }

    @Test
    void aJobsEventsInOneBatchFoldInOrderAndMoveItsIndexEntries() {
        write(List.of(envelope(1, 1, submitted()), envelope(2, 2, scheduled()), envelope(3, 3, started())));

        JobRow row = table.row(JobId.of("j-1")).orElseThrow();
        assertThat(row.seqNr()).isEqualTo(3);
        assertThat(row.view().state()).isEqualTo(JobState.RUNNING);
        assertThat(listed(JobState.RUNNING)).containsExactly("j-1");
        assertThat(listed(JobState.PENDING)).isEmpty();
        assertThat(listed(JobState.SCHEDULED)).isEmpty();
        assertThat(table.tables().offsets().load(JobProjection.NAME)).isEqualTo(Offset.sequence(3));
    }

    @Test
    void eventsDeliveredAgainAreSkippedByTheRowsSequenceNumber() {
        write(List.of(envelope(1, 1, submitted()), envelope(2, 2, scheduled())));
        write(List.of(envelope(1, 1, submitted()), envelope(2, 2, scheduled()), envelope(3, 3, started())));

        assertThat(table.row(JobId.of("j-1")).orElseThrow().seqNr()).isEqualTo(3);
        assertThat(listed(null)).containsExactly("j-1");
        assertThat(listed(JobState.RUNNING)).containsExactly("j-1");
        assertThat(listed(JobState.SCHEDULED)).isEmpty();
    }

    @Test
    void anEventPastAGapIsRefusedAndNothingIsWritten() {
        write(List.of(envelope(1, 1, submitted())));

        assertThatThrownBy(() -> projection.apply(List.of(envelope(2, 3, started()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("event 3 arrived where 2 was due");
        assertThat(table.row(JobId.of("j-1")).orElseThrow().seqNr()).isEqualTo(1);
        assertThat(table.tables().offsets().load(JobProjection.NAME)).isEqualTo(Offset.sequence(1));
    }

    private void write(List<EventEnvelope> batch) {
        projection.commit(projection.apply(batch)).join();
    }

    private List<String> listed(JobState state) {
        return table.page(new JobQuery(state, null, null, 10)).jobs().stream().map(job -> job.id().value()).toList();
    }

    private static EventEnvelope envelope(long ordering, long seqNr, JobEvent event) {
        return new EventEnvelope(Offset.sequence(ordering), PID, seqNr, event, T0.toEpochMilli() + seqNr);
    }

    private static JobEvent submitted() {
        JobSpec spec = JobSpec.builder("train", GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(60))
                .tenant(TenantId.of("team")).build();
        return new JobEvent.Submitted(StoredSpec.of(spec), null, T0);
    }

    private static JobEvent scheduled() {
        return new JobEvent.Scheduled(1, Map.of(NodeId.of("node-a"), List.of(0)), T0.plusSeconds(1));
    }

    private static JobEvent started() {
        return new JobEvent.Started(1, T0.plusSeconds(2));
    }
}
