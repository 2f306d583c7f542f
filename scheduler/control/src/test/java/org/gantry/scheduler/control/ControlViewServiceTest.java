package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;
import org.gantry.scheduler.control.job.StoredSpec;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.predict.HistoryPredictor;
import org.junit.jupiter.api.Test;

/** The view hands the policy the service a job's records know of, as the simulator does its jobs'. */
class ControlViewServiceTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final JobId ID = JobId.of("job-1");
    private static final Map<NodeId, List<Integer>> NODE_A = Map.of(NodeId.of("node-a"), List.of(0, 1));
    private static final Map<NodeId, List<Integer>> NODE_B = Map.of(NodeId.of("node-b"), List.of(4, 5));

    private final ControlView view = new ControlView(Policies.gantry().order(), HistoryPredictor.defaults());
    private final List<JobEvent> events = new ArrayList<>();

    @Test
    void aRequeuedJobWaitsWithTheGpuSecondsOfItsEarlierAttempt() {
        JobSpec spec = JobSpec.builder("train", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(3600))
                .tenant(TenantId.of("vision")).build();
        record(new JobEvent.Submitted(StoredSpec.of(spec), null, at(0)));
        record(new JobEvent.Scheduled(1, NODE_A, at(1)));
        record(new JobEvent.Started(1, at(2)));
        record(new JobEvent.Requeued(1, "preempted for tenant nlp", false, at(12)));

        PendingJob queued = view.queue().iterator().next();

        assertThat(queued.id()).isEqualTo(ID);
        assertThat(queued.attainedGpuSeconds()).isEqualTo(10 * 60 * 2);
    }

    @Test
    void aRunningJobCarriesItsEarlierServiceAndCheckpointInterval() {
        JobSpec spec = JobSpec.builder("train", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(3600))
                .tenant(TenantId.of("vision")).checkpoint(CheckpointPolicy.ofSeconds(600)).build();
        record(new JobEvent.Submitted(StoredSpec.of(spec), null, at(0)));
        record(new JobEvent.Scheduled(1, NODE_A, at(1)));
        record(new JobEvent.Started(1, at(2)));
        record(new JobEvent.Requeued(1, "node-a lost", false, at(32)));
        record(new JobEvent.Scheduled(2, NODE_B, at(40)));
        record(new JobEvent.Started(2, at(41)));

        RunningJob running = view.holding().iterator().next();

        assertThat(running.attainedBefore()).isEqualTo(30 * 60 * 2);
        assertThat(running.checkpointEverySeconds()).isEqualTo(600);
        // This run counts from when it got its GPUs, as the simulator counts from its allocation.
        long now = at(50).getEpochSecond();
        assertThat(running.attainedAt(now)).isEqualTo(30 * 60 * 2 + 10 * 60 * 2);
    }

    @Test
    void aRunningJobLosesOnlyTheWorkSinceItsLastStoredCheckpoint() {
        JobSpec spec = JobSpec.builder("train", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(3600))
                .tenant(TenantId.of("vision")).checkpoint(CheckpointPolicy.ofSeconds(3600)).build();
        record(new JobEvent.Submitted(StoredSpec.of(spec), null, at(0)));
        record(new JobEvent.Scheduled(1, NODE_A, at(1)));
        record(new JobEvent.Started(1, at(2)));
        long now = at(50).getEpochSecond();
        assertThat(view.holding().iterator().next().lostWorkIfStoppedAt(now)).isEqualTo(49 * 60 * 2);

        record(new JobEvent.CheckpointSaved(1, 7, 1 << 20, at(45)));

        // The policy's victim order measures from the checkpoint the store holds, not from the start.
        RunningJob running = view.holding().iterator().next();
        assertThat(running.lastCheckpointAt(now)).isEqualTo(at(45).getEpochSecond());
        assertThat(running.lostWorkIfStoppedAt(now)).isEqualTo(5 * 60 * 2);
    }

    /** The entity persisted {@code event}: the view follows the record the fold makes of the log. */
    private void record(JobEvent event) {
        events.add(event);
        Job record = JobLifecycle.replay(ID, events);
        view.update(record, event.at());
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }
}
