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
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.policy.RunningJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanApplierTest {
    private static final TenantPool OWNER = new TenantPool(TenantId.of("vision"), PoolId.DEFAULT);
    private static final NodeId A = NodeId.of("node-a");

    private final ClusterState state = new ClusterState(Policies.gantry().order());
    /** Jobs checkpoint every 30 s; a victim waits again with its service and a 99 s estimate. */
    private final PlanApplier.Terms terms = new PlanApplier.Terms(job -> 30, (victim, now) ->
            new PendingJob(victim.id(), victim.owner(), victim.gpus(), PlacementConstraints.EMPTY, 0, 99,
                    victim.priority(), victim.preemptible(), victim.attainedAt(now)));

    @BeforeEach
    void oneNodeOfFourGpus() {
        state.setQuotas(QuotaBook.unlimited());
        GpuSet gpus = GpuSet.firstN(4);
        state.putNode(new NodeView(A, PoolId.DEFAULT, "test", 1024, Map.of(), true, gpus, gpus));
    }

    @Test
    void victimsWaitAgainBeforeThePlacementsStartOnTheirGpus() {
        state.hold(running("victim", GpuRequest.fixed(2), 0, 1));
        state.enqueue(pending("j", 2));

        AppliedPlan applied = PlanApplier.apply(state, plan(List.of(placement("j", 0, 1)),
                List.of(new Preemption(JobId.of("victim"), JobId.of("j"), Preemption.OTHER, "test")), List.of()), 100,
                terms);

        assertThat(applied.stopped()).extracting(RunningJob::id).containsExactly(JobId.of("victim"));
        assertThat(applied.requeued()).extracting(PendingJob::attainedGpuSeconds).containsExactly(200.0);
        assertThat(state.waiting(JobId.of("victim")).attainedGpuSeconds()).isEqualTo(200.0);
        assertThat(applied.started()).containsExactly(state.running(JobId.of("j")));
        assertThat(applied.started().get(0).checkpointEverySeconds()).isEqualTo(30);
        assertThat(applied.started().get(0).estimatedEnd()).isEqualTo(160);
        assertThat(applied.refused()).isEmpty();
    }

    @Test
    void decisionsThatNoLongerFitAreRefusedAndLeftOut() {
        state.hold(running("holder", GpuRequest.fixed(2), 0, 1));
        state.enqueue(pending("j", 2));

        AppliedPlan applied = PlanApplier.apply(state, plan(List.of(placement("j", 1, 2), placement("gone", 2, 3)),
                List.of(new Preemption(JobId.of("ended"), JobId.of("j"), Preemption.OTHER, "test")),
                List.of(new Resize(JobId.of("holder"), Map.of(A, GpuSet.of(List.of(0, 1))),
                        Map.of(A, GpuSet.of(List.of(0, 1, 2))), "grow"))), 100, terms);

        assertThat(applied.refused()).containsExactly(
                new AppliedPlan.Refusal(JobId.of("ended"), AppliedPlan.Decision.PREEMPT, PlacementCheck.NOT_RUNNING),
                new AppliedPlan.Refusal(JobId.of("holder"), AppliedPlan.Decision.RESIZE, PlacementCheck.WRONG_SIZE),
                new AppliedPlan.Refusal(JobId.of("j"), AppliedPlan.Decision.PLACE, PlacementCheck.TAKEN),
                new AppliedPlan.Refusal(JobId.of("gone"), AppliedPlan.Decision.PLACE, PlacementCheck.NOT_WAITING));
        assertThat(applied.started()).isEmpty();
        assertThat(state.waiting(JobId.of("j"))).isNotNull();
        assertThat(state.running(JobId.of("holder")).gpuCount()).isEqualTo(2);
    }

    @Test
    void aResizedJobRestartsAtItsNewWidthWithTheServiceItHad() {
        state.hold(running("elastic", GpuRequest.elastic(1, 4), 0, 1));

        AppliedPlan applied = PlanApplier.apply(state, plan(List.of(), List.of(),
                List.of(new Resize(JobId.of("elastic"), Map.of(A, GpuSet.of(List.of(0, 1))),
                        Map.of(A, GpuSet.firstN(4)), "grow"))), 100, terms);

        RunningJob grown = state.running(JobId.of("elastic"));
        assertThat(applied.resized()).containsExactly(grown);
        assertThat(grown.gpuCount()).isEqualTo(4);
        assertThat(grown.allocatedAt()).isEqualTo(100);
        assertThat(grown.attainedBefore()).isEqualTo(200.0);
        assertThat(grown.estimatedEnd()).as("its 60 s estimate runs again from the restart").isEqualTo(160);
        assertThat(state.used(OWNER)).isEqualTo(4);
    }

    @Test
    void aPlanForAnOlderSnapshotIsRefusedWhole() {
        Plan stale = plan(List.of(), List.of(), List.of());
        state.snapshot(101);
        assertThatThrownBy(() -> PlanApplier.apply(state, stale, 1, terms)).hasMessageContaining("version");
    }

    /** These decisions as a plan on the state's latest snapshot (the rest from a real pass on it). */
    private Plan plan(List<Placement> placements, List<Preemption> preemptions, List<Resize> resizes) {
        Plan real = Policies.fifo().plan(state.snapshot(100));
        return new Plan(real.snapshotVersion(), placements, preemptions, resizes, Map.of(), real.verdicts(),
                real.notReached(), real.neverFits());
    }

    private static PendingJob pending(String id, int gpus) {
        return new PendingJob(JobId.of(id), OWNER, GpuRequest.fixed(gpus), PlacementConstraints.EMPTY, 0, 60, 0, true,
                0);
    }

    /** Running on node A's {@code gpus} since 0, expected to end at 60, checkpointing never. */
    private static RunningJob running(String id, GpuRequest request, int... gpus) {
        GpuSet held = GpuSet.of(java.util.Arrays.stream(gpus).boxed().toList());
        return new RunningJob(JobId.of(id), OWNER, request, Map.of(A, held), 0, true, 0, 0, 0, 60, false, 0);
    }

    private static Placement placement(String id, int... gpus) {
        return new Placement(JobId.of(id), Map.of(A, GpuSet.of(java.util.Arrays.stream(gpus).boxed().toList())),
                false);
    }
}
