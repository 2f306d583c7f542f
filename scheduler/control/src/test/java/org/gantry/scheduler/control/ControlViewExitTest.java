package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
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
import org.gantry.api.protocol.AgentEvent.AgentReport;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;
import org.gantry.scheduler.control.job.StoredSpec;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.predict.HistoryPredictor;
import org.junit.jupiter.api.Test;

/** A workload its node reported gone gives its GPUs back at once, before the record says the attempt is over. */
class ControlViewExitTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final JobId ID = JobId.of("job-1");
    private static final NodeId NODE = NodeId.of("node-a");
    private static final GpuSet GPUS = GpuSet.of(List.of(0, 1));

    private final ControlView view = new ControlView(Policies.gantry().order(), HistoryPredictor.defaults());
    private final List<JobEvent> events = new ArrayList<>();

    @Test
    void theGpusOfAGoneWorkloadAreFreeBeforeItsRecordEndsAndStayFree() {
        JobSpec spec = JobSpec.builder("train", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(60))
                .tenant(TenantId.of("vision")).build();
        record(new JobEvent.Submitted(StoredSpec.of(spec), null, at(0)));
        record(new JobEvent.Scheduled(1, Map.of(NODE, List.of(0, 1)), at(1)));
        record(new JobEvent.Started(1, at(2)));
        assertThat(view.free(NODE, GPUS)).isFalse();

        TrackedJob job = view.job(ID);
        assertThat(job.partExited(1, NODE)).isTrue();
        view.workloadsGone(job);

        assertThat(view.free(NODE, GPUS)).as("free once the node reported the workload gone").isTrue();
        assertThat(view.holding()).isEmpty();

        record(new JobEvent.Started(1, at(2))); // a late copy of the running record changes nothing
        assertThat(view.free(NODE, GPUS)).isTrue();

        record(new JobEvent.Finished(1, JobState.SUCCEEDED, 0, null, at(3)));
        assertThat(view.free(NODE, GPUS)).isTrue();
        assertThat(view.lingeringOn(NODE)).isEmpty();
        assertThat(view.job(ID)).as("an ended job leaves the view for the job table").isNull();

        view.update(JobLifecycle.replay(ID, events.subList(0, 3)), at(4)); // the running record, overtaken by the end
        assertThat(view.job(ID)).as("a record the end overtook does not bring it back").isNull();
        assertThat(view.free(NODE, GPUS)).isTrue();
    }

    @Test
    void theNextAttemptHoldsItsGpusAgain() {
        JobSpec spec = JobSpec.builder("train", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(60))
                .tenant(TenantId.of("vision")).build();
        record(new JobEvent.Submitted(StoredSpec.of(spec), null, at(0)));
        record(new JobEvent.Scheduled(1, Map.of(NODE, List.of(0, 1)), at(1)));
        TrackedJob job = view.job(ID);
        job.partExited(1, NODE);
        view.workloadsGone(job);
        record(new JobEvent.Requeued(1, "exited 1: retrying", true, at(2)));
        assertThat(view.queue().size()).isEqualTo(1);

        record(new JobEvent.Scheduled(2, Map.of(NODE, List.of(0, 1)), at(3)));

        assertThat(view.free(NODE, GPUS)).isFalse();
        assertThat(view.holding()).hasSize(1);
    }

    @Test
    void aHeartbeatResendsTheExitWhileTheRecordStillHoldsTheGoneAttempt() {
        ActorTestKit kit = ActorTestKit.create();
        try {
            JobSpec spec = JobSpec.builder("train", GpuRequest.fixed(2), SimulatedWorkload.ofSeconds(60))
                    .tenant(TenantId.of("vision")).build();
            record(new JobEvent.Submitted(StoredSpec.of(spec), null, at(0)));
            record(new JobEvent.Scheduled(1, Map.of(NODE, List.of(0, 1)), at(1)));
            record(new JobEvent.Started(1, at(2)));
            TrackedJob job = view.job(ID);
            job.partExited(1, NODE);
            view.workloadsGone(job); // ...and the MarkExited the scheduler then sent was lost
            WorkloadExited exit = new WorkloadExited(NODE, ID, 1, 0, ExitCause.COMPLETED, "exited 0", at(3), null);
            NodeInfo info = new NodeInfo(NODE, PoolId.DEFAULT, List.of(new GpuDevice(0, "Test-GPU", 1024, true),
                    new GpuDevice(1, "Test-GPU", 1024, true)), Map.of(), NodeStatus.READY);
            ActorRef<AgentCommand> agent = kit.<AgentCommand>createTestProbe().ref();
            AgentReport heartbeat = new AgentReport(info, agent, List.of(), List.of(exit), at(4));

            AgentReconciliation.Actions actions = AgentReconciliation.reconcile(view, heartbeat, at(4),
                    Duration.ofSeconds(10));

            assertThat(actions.exited()).containsExactly(exit);
            assertThat(actions.missing()).isEmpty();
            assertThat(actions.orphans()).isEmpty();
        } finally {
            kit.shutdownTestKit();
        }
    }

    private void record(JobEvent event) {
        if (!events.contains(event)) {
            events.add(event);
        }
        view.update(JobLifecycle.replay(ID, events), event.at());
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }
}
