package org.gantry.scheduler.policy.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.PendingJob;
import org.junit.jupiter.api.Test;

class PoolDemandTest {
    private static final PoolId POOL = PoolId.DEFAULT;
    private static final TenantPool VISION = new TenantPool(TenantId.of("vision"), POOL);
    private static final TenantPool NLP = new TenantPool(TenantId.of("nlp"), POOL);
    private static final TenantPool ELSEWHERE = new TenantPool(TenantId.of("vision"), new PoolId("a100"));
    private static final QuotaBook ROOMY = QuotaBook.of(Map.of(VISION, new PoolQuota(64, 128),
            NLP, new PoolQuota(64, 128), ELSEWHERE, new PoolQuota(64, 128)));

    private final List<PendingJob> queue = new ArrayList<>();

    private void pending(TenantPool owner, GpuRequest gpus, boolean preemptible) {
        queue.add(new PendingJob(JobId.of("j-" + queue.size()), owner, gpus, PlacementConstraints.EMPTY,
                queue.size(), 60, 0, preemptible, 0));
    }

    private void pending(TenantPool owner, int gpus) {
        pending(owner, GpuRequest.fixed(gpus), true);
    }

    @Test
    void shapesCountThePoolsPendingJobsByGpusEachElasticByTheirMinimum() {
        pending(VISION, 4);
        pending(NLP, 1);
        pending(VISION, 4);
        pending(VISION, GpuRequest.elastic(2, 8), true);
        pending(ELSEWHERE, 4); // another pool

        Demand demand = PoolDemand.of(queue, POOL, ROOMY, Map.of(), 0, 0);

        assertThat(demand.pendingJobs()).isEqualTo(4);
        assertThat(demand.pendingGpus()).isEqualTo(11);
        assertThat(demand.shapes()).containsExactly(new Demand.Shape(1, 1, null), new Demand.Shape(2, 1, null),
                new Demand.Shape(4, 2, null));
        assertThat(demand.added()).isNull();
    }

    @Test
    void moreNodesStartTheJobsThatFitInQueueOrderBestFit() {
        pending(VISION, 6);
        pending(NLP, 4);
        pending(VISION, 2);  // best fit: the node the 6 left 2 free on, not a fresh one
        pending(NLP, 4);
        pending(VISION, 3);  // no room left: 8+8 GPUs hold 6+2 and 4+4

        Demand demand = PoolDemand.of(queue, POOL, ROOMY, Map.of(), 2, 8);

        assertThat(demand.added()).isEqualTo(new Demand.Added(2, 8, 4, 16));
        assertThat(demand.shapes()).containsExactly(new Demand.Shape(2, 1, 1), new Demand.Shape(3, 1, 0),
                new Demand.Shape(4, 2, 2), new Demand.Shape(6, 1, 1));
    }

    @Test
    void aGangTakesWholeNodesAndLeavesItsLastNodesRestToOthers() {
        pending(VISION, 12); // two 8-GPU nodes: 8 + 4, leaving 4
        pending(NLP, 16);    // needs two whole nodes: only one is left
        pending(NLP, 4);     // the gang's leftover

        Demand demand = PoolDemand.of(queue, POOL, ROOMY, Map.of(), 3, 8);

        assertThat(demand.added().startableJobs()).isEqualTo(2);
        assertThat(demand.added().startableGpus()).isEqualTo(16);
        assertThat(demand.shapes()).containsExactly(new Demand.Shape(4, 1, 1), new Demand.Shape(12, 1, 1),
                new Demand.Shape(16, 1, 0));
    }

    @Test
    void jobsTheirQuotaRefusesDoNotStartCountingWhatTheReplayStarted() {
        QuotaBook tight = QuotaBook.of(Map.of(VISION, new PoolQuota(2, 4), NLP, new PoolQuota(4, 4)));
        pending(VISION, 2);                             // within the guarantee (holds 0)
        pending(VISION, 2);                             // borrowing up to its limit of 4
        pending(VISION, 1);                             // above its limit
        pending(NLP, GpuRequest.fixed(2), false);       // holds 2 already: within its guarantee of 4
        pending(NLP, GpuRequest.fixed(2), false);       // would borrow, and is not preemptible

        Demand demand = PoolDemand.of(queue, POOL, tight, Map.of(NLP, 2), 4, 8);

        assertThat(demand.added().startableJobs()).isEqualTo(3);
        assertThat(demand.added().startableGpus()).isEqualTo(6);
    }

    @Test
    void aQuestionOutOfBoundsIsRefused() {
        assertThatThrownBy(() -> PoolDemand.of(queue, POOL, ROOMY, Map.of(), 1, 65))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PoolDemand.of(queue, POOL, ROOMY, Map.of(), -1, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
