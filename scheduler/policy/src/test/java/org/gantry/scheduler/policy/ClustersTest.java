package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.gpus;
import static org.gantry.scheduler.policy.Clusters.id;
import static org.gantry.scheduler.policy.Clusters.node;
import static org.gantry.scheduler.policy.Clusters.run;
import static org.gantry.scheduler.policy.Clusters.tenant;

import java.util.List;
import java.util.Map;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.quota.UsageLedger;
import org.gantry.scheduler.policy.order.FirstInFirstOut;
import org.junit.jupiter.api.Test;

/** The test fixture must build snapshots the way the control plane does, or every other test proves little. */
class ClustersTest {
    private final Snapshot snapshot = cluster()
            .nodes(node("n1", 8), node("n2", 4), node("n3", 8).pool("q"))
            .running(
                    run("late").tenant("a").on("n1", 0, 1).ends(30_000),
                    run("early").tenant("b").on("n1", 4, 5, 6).on("n2", 0).ends(12_000),
                    run("mid").tenant("a").on("n2", 2, 3).ends(20_000),
                    run("other-pool").owner(tenant("a", "q")).on("n3", 7).ends(15_000))
            .quota("a", 2, 8)
            .snapshot(new FirstInFirstOut());

    @Test
    void usageLedgerIsTheSumOfRunningAllocationsPerTenantPool() {
        assertThat(snapshot.usage()).isEqualTo(UsageLedger.of(Map.of(
                tenant("a"), 4, tenant("b"), 4, tenant("a", "q"), 1)));
        for (TenantPool owner : List.of(tenant("a"), tenant("b"), tenant("a", "q"))) {
            int sum = snapshot.running().stream().filter(job -> job.owner().equals(owner))
                    .mapToInt(RunningJob::gpuCount).sum();
            assertThat(snapshot.usage().used(owner)).as(owner.toString()).isEqualTo(sum);
        }
    }

    @Test
    void runningJobsAreOrderedByEstimatedEnd() {
        assertThat(snapshot.running()).extracting(RunningJob::id)
                .containsExactly(id("early"), id("other-pool"), id("mid"), id("late"));
    }

    @Test
    void freeGpusAreWhatRunningJobsLeave() {
        assertThat(snapshot.nodes()).extracting(NodeView::free)
                .containsExactly(gpus(2, 3, 7), gpus(1), gpus(0, 1, 2, 3, 4, 5, 6));
        assertThat(snapshot.nodes().get(2).pool().value()).isEqualTo("q");
    }

    @Test
    void quotasAreOffUnlessGranted() {
        assertThat(snapshot.quotas().quota(tenant("b"))).isEqualTo(PoolQuota.NONE);
        assertThat(snapshot.quotas().quota(tenant("a"))).isEqualTo(new PoolQuota(2, 8));
        assertThat(cluster().nodes(node("n1", 1)).snapshot(new FirstInFirstOut()).quotas())
                .isEqualTo(QuotaBook.unlimited());
    }

    @Test
    void overlappingAllocationsAreATestMistake() {
        assertThatThrownBy(() -> cluster().nodes(node("n1", 8))
                .running(run("x").on("n1", 0, 1), run("y").on("n1", 1, 2))
                .snapshot(new FirstInFirstOut()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSnapshotOverAListSeesItsRunningJobsInEndOrder() {
        RunningJob early = run("early").on("n1", 0).ends(100).build();
        RunningJob late = run("late").on("n1", 1).ends(200).build();

        Snapshot snapshot = new Snapshot(1, 0, List.of(), List.of(late, early),
                IncrementalPendingQueue.of(new FirstInFirstOut(), List.of()), QuotaBook.unlimited(), UsageLedger.empty());

        assertThat(snapshot.running()).containsExactly(early, late);
    }
}
