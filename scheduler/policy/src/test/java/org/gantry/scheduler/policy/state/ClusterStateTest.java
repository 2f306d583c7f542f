package org.gantry.scheduler.policy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.Snapshot;
import org.junit.jupiter.api.Test;

class ClusterStateTest {
    private static final TenantPool OWNER = new TenantPool(TenantId.of("vision"), PoolId.DEFAULT);
    private static final NodeId A = NodeId.of("node-a");
    private static final NodeId B = NodeId.of("node-b");

    private final ClusterState state = new ClusterState(Policies.gantry().order());

    @Test
    void aStartTakesGpusFromTheQueueIntoUsageAndAReleaseGivesThemBack() {
        state.putNode(node(A));
        state.enqueue(pending("j", 2));
        assertThat(state.waitingIn(PoolId.DEFAULT)).isEqualTo(new Waiting(1, 2));

        state.start(running("j", A, 0, 1));

        assertThat(state.queue().isEmpty()).isTrue();
        assertThat(state.waitingIn(PoolId.DEFAULT)).isEqualTo(new Waiting(0, 0));
        assertThat(state.used(OWNER)).isEqualTo(2);
        assertThat(state.snapshot(10).nodes().get(0).free()).isEqualTo(GpuSet.of(List.of(2, 3)));
        assertThat(state.release(JobId.of("j")).id()).isEqualTo(JobId.of("j"));
        assertThat(state.used(OWNER)).isZero();
        assertThat(state.snapshot(11).nodes().get(0).free()).isEqualTo(GpuSet.firstN(4));
    }

    @Test
    void placementsAreCheckedAgainstTheStateAsItIsNow() {
        state.setQuotas(QuotaBook.unlimited());
        state.putNode(node(A));
        state.enqueue(pending("j", 2));
        state.take(A, GpuSet.of(List.of(0)));

        assertThat(state.check(placement("other", A, 2, 3))).isEqualTo(PlacementCheck.NOT_WAITING);
        assertThat(state.check(placement("j", B, 0, 1))).isEqualTo(PlacementCheck.UNKNOWN_NODE);
        assertThat(state.check(placement("j", A, 3, 4))).isEqualTo(PlacementCheck.NOT_ON_NODE);
        assertThat(state.check(placement("j", A, 0, 1))).isEqualTo(PlacementCheck.TAKEN);
        assertThat(state.check(placement("j", A, 2, 3))).isEqualTo(PlacementCheck.FITS);
        state.setSchedulable(A, false);
        assertThat(state.check(placement("j", A, 2, 3))).isEqualTo(PlacementCheck.NOT_SCHEDULABLE);
        state.giveBack(A, GpuSet.of(List.of(0)));
        assertThat(state.taken(A)).isEqualTo(GpuSet.EMPTY);
        state.setSchedulable(A, true);
        assertThat(state.check(placement("j", A, 1, 2, 3))).as("more than it asks for").isEqualTo(PlacementCheck.WRONG_SIZE);
        state.setQuotas(QuotaBook.of(Map.of(OWNER, new PoolQuota(1, 1))));
        assertThat(state.check(placement("j", A, 2, 3))).isEqualTo(PlacementCheck.OVER_LIMIT);
    }

    @Test
    void aPlacementStartsTheJobAsItWaited() {
        state.setQuotas(QuotaBook.unlimited());
        state.putNode(node(A));
        PendingJob waiting = new PendingJob(JobId.of("j"), OWNER, GpuRequest.fixed(2), PlacementConstraints.EMPTY, 0,
                60, 3, false, 500);
        state.enqueue(waiting);

        RunningJob started = state.start(placement("j", A, 1, 2), 100, 30);

        assertThat(started).isEqualTo(new RunningJob(JobId.of("j"), OWNER, GpuRequest.fixed(2),
                Map.of(A, GpuSet.of(List.of(1, 2))), 3, false, 100, 100, 30, 160, false, 500));
        assertThat(state.running(JobId.of("j"))).isEqualTo(started);
        assertThat(state.waiting(JobId.of("j"))).isNull();
        assertThat(state.used(OWNER)).isEqualTo(2);
    }

    @Test
    void aJobStillRunningAtOrAfterItsEstimatedEndGetsANewOne() {
        state.putNode(node(A));
        state.hold(running("due-now", A, 0)); // estimated end 60
        state.hold(new RunningJob(JobId.of("later"), OWNER, GpuRequest.fixed(1), Map.of(A, GpuSet.of(List.of(1))), 0,
                true, 0, 0, 0, 61, false, 0));

        List<RunningJob> renewed = state.refreshOverrunning(60, job -> 25);

        assertThat(renewed).extracting(RunningJob::id).containsExactly(JobId.of("due-now"));
        assertThat(state.running(JobId.of("due-now")).estimatedEnd()).isEqualTo(85);
        assertThat(state.running(JobId.of("later")).estimatedEnd()).isEqualTo(61);
        assertThat(state.refreshOverrunning(61, job -> 0)).as("at least a second more")
                .extracting(RunningJob::estimatedEnd).containsExactly(62L);
    }

    @Test
    void jobsOnANodeNotRegisteredYetStayOutOfSnapshotsUntilItRegistersInItsPlace() {
        state.hold(running("before-restart", B, 0, 1)); // B held on before it registered
        state.putNode(node(A));

        Snapshot waiting = state.snapshot(1);
        assertThat(waiting.nodes()).extracting(NodeView::id).containsExactly(A);
        assertThat(waiting.running()).isEmpty();

        state.putNode(node(B));
        Snapshot registered = state.snapshot(2);
        assertThat(registered.nodes()).extracting(NodeView::id).as("in the order first seen").containsExactly(B, A);
        assertThat(registered.nodes().get(0).free()).isEqualTo(GpuSet.of(List.of(2, 3)));
        assertThat(registered.running()).extracting(RunningJob::id).containsExactly(JobId.of("before-restart"));
    }

    @Test
    void aJobWaitsOnceAndAStalePlanIsRefused() {
        state.enqueue(pending("j", 1));
        assertThatThrownBy(() -> state.enqueue(pending("j", 1))).hasMessageContaining("already waiting");
        Snapshot old = state.snapshot(1);
        state.snapshot(2);
        assertThatThrownBy(() -> state.requireCurrent(Policies.gantry().plan(old))).hasMessageContaining("version");
    }

    private static NodeView node(NodeId id) {
        GpuSet gpus = GpuSet.firstN(4);
        return new NodeView(id, PoolId.DEFAULT, "test", 1024, Map.of(), true, gpus, GpuSet.EMPTY);
    }

    private static PendingJob pending(String id, int gpus) {
        return new PendingJob(JobId.of(id), OWNER, GpuRequest.fixed(gpus), PlacementConstraints.EMPTY, 0, 60, 0, true,
                0);
    }

    private static RunningJob running(String id, NodeId node, int... gpus) {
        GpuSet held = GpuSet.of(java.util.Arrays.stream(gpus).boxed().toList());
        return new RunningJob(JobId.of(id), OWNER, GpuRequest.fixed(gpus.length), Map.of(node, held), 0, true, 0, 0,
                0, 60, false, 0);
    }

    private static Placement placement(String id, NodeId node, int... gpus) {
        return new Placement(JobId.of(id), Map.of(node, GpuSet.of(java.util.Arrays.stream(gpus).boxed().toList())),
                false);
    }
}
