package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.javadsl.Sink;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.scheduler.control.job.JobEntity;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.storage.query.RocksReadJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job events as one stream with offsets: every event a job entity persists on the real RocksDB
 * journal carries {@link JobEntity#TAG}, and the read journal gives them back in order, resuming
 * after any offset, through Pekko Persistence Query's own {@code eventsByTag} interfaces.
 */
class JobEventStreamTest {
    private static final TenantId TEAM = TenantId.of("team");

    @TempDir
    Path dataDir;

    @Test
    void everyJobEventIsInTheTaggedStreamInOrderAndResumesAfterAnOffset() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            Caller admin = new Caller.Admin();
            control.services().tenants().create(admin, new TenantSpec(TEAM,
                    Map.of(PoolId.DEFAULT, new PoolQuota(4, 4)))).toCompletableFuture().join();
            List<String> submitted = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JobSpec spec = JobSpec.builder("job-" + i, GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(60))
                        .tenant(TEAM).build();
                submitted.add(control.services().jobs().submit(admin, spec, Optional.empty())
                        .toCompletableFuture().join().job().id().value());
            }
            RocksReadJournal journal = PersistenceQuery.get(control.system)
                    .getReadJournalFor(RocksReadJournal.class, RocksReadJournal.IDENTIFIER);

            List<EventEnvelope> all = read(control, journal, Offset.noOffset());

            List<String> submits = all.stream().filter(e -> e.event() instanceof JobEvent.Submitted)
                    .map(e -> e.persistenceId()).toList();
            assertThat(submits).containsExactlyElementsOf(submitted.stream()
                    .map(id -> JobEntity.persistenceId(org.gantry.api.job.JobId.of(id)).id()).toList());
            List<Long> offsets = all.stream().map(e -> ((Sequence) e.offset()).value()).toList();
            assertThat(offsets).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();

            Offset afterFirst = all.get(0).offset();
            assertThat(read(control, journal, afterFirst)).extracting(EventEnvelope::offset)
                    .containsExactlyElementsOf(all.subList(1, all.size()).stream().map(EventEnvelope::offset).toList());
        }
    }

    private static List<EventEnvelope> read(ControlPlaneHarness control, RocksReadJournal journal, Offset from) {
        return journal.currentEventsByTag(JobEntity.TAG, from).runWith(Sink.seq(), control.system)
                .toCompletableFuture().join();
    }
}
