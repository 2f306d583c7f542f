package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;
import org.gantry.scheduler.control.job.StoredSpec;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.predict.HistoryPredictor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a resize books in the scheduler's view: the GPUs a job keeps stay its own throughout, those
 * it gains are taken the moment the resize is applied, those a shrink gives up are free once the
 * old attempt is gone; and nothing stays booked when a resize ends otherwise.
 */
class ControlViewResizeTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final JobId ID = JobId.of("elastic-1");
    private static final NodeId NODE = NodeId.of("node-a");
    private static ActorTestKit kit;

    private final ControlView view = new ControlView(Policies.gantry().order(), HistoryPredictor.defaults());
    private final List<JobEvent> events = new ArrayList<>();

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void aNodeOfFourGpus() {
        List<GpuDevice> gpus = IntStream.range(0, 4).mapToObj(i -> new GpuDevice(i, "Test-GPU", 1024, true)).toList();
        view.nodeReported(new NodeInfo(NODE, PoolId.DEFAULT, gpus, Map.of(), NodeStatus.READY),
                kit.<AgentCommand>createTestProbe().ref(), at(0));
    }

    @Test
    void growthBooksTheGainedGpusAtOnceAndTheNextAttemptHoldsThem() {
        running(0, 1);

        assertThat(view.reserveResize(resize(gpus(0, 1), gpus(0, 1, 2, 3)))).isTrue();
        assertThat(view.free(NODE, GpuSet.of(2))).as("gained GPUs are booked before the entity answers").isFalse();
        assertThat(view.holding().iterator().next().suspending()).as("no pass disturbs it again").isTrue();
        assertThat(view.reserveResize(resize(gpus(0, 1), gpus(0, 1, 2)))).as("one resize at a time").isFalse();

        record(new JobEvent.ResizeRequested(1, Map.of(NODE, List.of(0, 1, 2, 3)), "resized 2 → 4 GPUs", at(5)));
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.of(0, 1, 2, 3));
        exited();
        assertThat(view.taken(NODE)).as("the old attempt is gone: the new one's GPUs stay booked")
                .isEqualTo(GpuSet.of(0, 1, 2, 3));

        record(new JobEvent.Resized(2, Map.of(NODE, List.of(0, 1, 2, 3)), "resized 2 → 4 GPUs", at(6)));
        TrackedJob job = view.job(ID);
        assertThat(job.heldAttempt).isEqualTo(2);
        assertThat(job.held).isEqualTo(gpus(0, 1, 2, 3));
        assertThat(view.holding().iterator().next().gpuCount()).isEqualTo(4);
        assertThat(view.holding().iterator().next().suspending()).isFalse();
        assertThat(view.queue().size()).as("never queued").isZero();
        assertThat(job.partExited(2, NODE)).as("the new attempt's exit is its own").isTrue();
    }

    @Test
    void aShrinkFreesTheGpusItGivesUpOnlyOnceTheOldAttemptIsGone() {
        running(0, 1, 2, 3);

        assertThat(view.reserveResize(resize(gpus(0, 1, 2, 3), gpus(1)))).isTrue();
        record(new JobEvent.ResizeRequested(1, Map.of(NODE, List.of(1)), "resized 4 → 1 GPUs", at(5)));
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.of(0, 1, 2, 3));

        exited();
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.of(1));

        record(new JobEvent.Resized(2, Map.of(NODE, List.of(1)), "resized 4 → 1 GPUs", at(6)));
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.of(1));
        assertThat(view.job(ID).heldAttempt).isEqualTo(2);
    }

    @Test
    void aResizeOntoTakenOrMissingGpusOrOfAStaleAllocationIsRefused() {
        running(0, 1);
        view.linger(NODE, new AttemptRef(JobId.of("other"), 1), GpuSet.of(3));

        assertThat(view.reserveResize(resize(gpus(0, 1), gpus(0, 1, 2, 3)))).as("GPU 3 is taken").isFalse();
        assertThat(view.reserveResize(resize(gpus(0, 1), Map.of(NODE, GpuSet.of(0, 1, 5))))).isFalse();
        assertThat(view.reserveResize(resize(gpus(0), gpus(0, 2)))).as("planned on an older allocation").isFalse();
        record(new JobEvent.CancelRequested("alice", at(3)));
        assertThat(view.reserveResize(resize(gpus(0, 1), gpus(0, 1, 2)))).as("being cancelled").isFalse();
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.of(0, 1, 3));
    }

    @Test
    void aRefusedResizeFreesTheGpusItBooked() {
        running(0, 1);
        assertThat(view.reserveResize(resize(gpus(0, 1), gpus(0, 1, 2)))).isTrue();

        record(new JobEvent.CheckpointSaved(1, 7, 1024, at(3))); // a running record meanwhile keeps the booking
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.of(0, 1, 2));
        view.dropResize(ID, 1);

        assertThat(view.taken(NODE)).isEqualTo(GpuSet.of(0, 1));
        assertThat(view.holding().iterator().next().suspending()).isFalse();
    }

    @Test
    void aSuspensionDuringAResizeGivesBackWhatItWouldHaveGained() {
        running(0, 1);
        view.reserveResize(resize(gpus(0, 1), gpus(0, 1, 2, 3)));
        record(new JobEvent.ResizeRequested(1, Map.of(NODE, List.of(0, 1, 2, 3)), "resized 2 → 4 GPUs", at(5)));

        record(new JobEvent.SuspendRequested(1, "node node-a is cordoned", at(6)));
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.of(0, 1));

        exited();
        record(new JobEvent.Requeued(1, "node node-a is cordoned", false, at(7)));
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.EMPTY);
        assertThat(view.queue().size()).isEqualTo(1);
    }

    @Test
    void aLostNodeDuringAResizeFreesEverythingAndQueuesTheJob() {
        running(0, 1);
        view.reserveResize(resize(gpus(0, 1), gpus(0, 1, 2, 3)));
        record(new JobEvent.ResizeRequested(1, Map.of(NODE, List.of(0, 1, 2, 3)), "resized 2 → 4 GPUs", at(5)));

        view.setStatus(NODE, NodeStatus.LOST);
        record(new JobEvent.Requeued(1, "node node-a was lost", false, at(6)));

        assertThat(view.taken(NODE)).isEqualTo(GpuSet.EMPTY);
        assertThat(view.lingeringOn(NODE)).isEmpty();
        assertThat(view.queue().size()).isEqualTo(1);
    }

    @Test
    void aCancelDuringAResizeFreesEverythingOnceTheWorkloadIsGone() {
        running(0, 1);
        view.reserveResize(resize(gpus(0, 1), gpus(0, 1, 2, 3)));
        record(new JobEvent.ResizeRequested(1, Map.of(NODE, List.of(0, 1, 2, 3)), "resized 2 → 4 GPUs", at(5)));
        record(new JobEvent.CancelRequested("alice", at(6)));

        exited();
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.EMPTY);
        record(new JobEvent.Finished(1, JobState.CANCELLED, 143, "cancelled by alice", at(7)));
        assertThat(view.job(ID)).isNull();
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.EMPTY);
    }

    @Test
    void aWorkloadStillStartingIsNotResized() {
        JobSpec spec = JobSpec.builder("train", GpuRequest.elastic(1, 4), SimulatedWorkload.ofSeconds(600))
                .tenant(TenantId.of("vision")).build();
        record(new JobEvent.Submitted(StoredSpec.of(spec), null, at(0)));
        record(new JobEvent.Scheduled(1, Map.of(NODE, List.of(0, 1)), at(1)));

        assertThat(view.reserveResize(resize(gpus(0, 1), gpus(0, 1, 2, 3)))).isFalse();
        assertThat(view.taken(NODE)).isEqualTo(GpuSet.of(0, 1));
    }

    private void running(int... gpus) {
        JobSpec spec = JobSpec.builder("train", GpuRequest.elastic(1, 4), SimulatedWorkload.ofSeconds(600))
                .tenant(TenantId.of("vision")).build();
        record(new JobEvent.Submitted(StoredSpec.of(spec), null, at(0)));
        record(new JobEvent.Scheduled(1, Map.of(NODE, IntStream.of(gpus).boxed().toList()), at(1)));
        record(new JobEvent.Started(1, at(2)));
    }

    /** The agent reported the first attempt's workload gone. */
    private void exited() {
        TrackedJob job = view.job(ID);
        assertThat(job.partExited(1, NODE)).isTrue();
        view.workloadsGone(job);
    }

    private static Resize resize(Map<NodeId, GpuSet> from, Map<NodeId, GpuSet> to) {
        return new Resize(ID, from, to, "test");
    }

    private static Map<NodeId, GpuSet> gpus(int... indices) {
        return Map.of(NODE, GpuSet.of(indices));
    }

    private void record(JobEvent event) {
        events.add(event);
        view.update(JobLifecycle.replay(ID, events), event.at());
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }
}
