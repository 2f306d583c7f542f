package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;
import org.gantry.scheduler.control.job.StoredSpec;
import org.junit.jupiter.api.Test;

/** Every record of a job's life is newer than each one before it, and older than each one after. */
class RecordOrderTest {
    private static final JobId ID = JobId.of("job-1");
    private static final NodeId NODE = NodeId.of("node-a");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void aJobsRecordsAreOrderedAsItsLifeGoesOn() {
        JobSpec spec = JobSpec.builder("train", GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(60))
                .tenant(TenantId.of("vision")).build();
        List<JobEvent> life = List.of(
                new JobEvent.Submitted(StoredSpec.of(spec), null, at(0)),
                new JobEvent.Scheduled(1, Map.of(NODE, List.of(0)), at(1)),
                new JobEvent.Started(1, at(2)),
                new JobEvent.CheckpointSaved(1, 10, 100, at(3)),
                new JobEvent.CheckpointSaved(1, 20, 100, at(4)),
                new JobEvent.SuspendRequested(1, "preempted", at(5)),
                new JobEvent.Requeued(1, "preempted", false, at(6)),
                new JobEvent.Scheduled(2, Map.of(NODE, List.of(0)), at(7)),
                new JobEvent.Started(2, at(8)),
                new JobEvent.CancelRequested("vision", at(9)),
                new JobEvent.Finished(2, JobState.CANCELLED, null, "cancelled", at(10)));

        for (int earlier = 1; earlier <= life.size(); earlier++) {
            for (int later = earlier + 1; later <= life.size(); later++) {
                Job before = JobLifecycle.replay(ID, life.subList(0, earlier));
                Job after = JobLifecycle.replay(ID, life.subList(0, later));
                assertThat(RecordOrder.olderThan(before, after)).as("after %d events older than after %d", earlier,
                        later).isTrue();
                assertThat(RecordOrder.olderThan(after, before)).as("after %d events older than after %d", later,
                        earlier).isFalse();
            }
            Job same = JobLifecycle.replay(ID, life.subList(0, earlier));
            assertThat(RecordOrder.olderThan(same, same)).isFalse();
        }
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }
}
