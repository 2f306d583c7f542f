package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.scheduler.policy.Clusters.NOW;
import static org.gantry.scheduler.policy.Clusters.cluster;
import static org.gantry.scheduler.policy.Clusters.id;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.node;
import static org.gantry.scheduler.policy.Clusters.run;

import java.util.Map;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.forecast.ForecastDurations;
import org.gantry.scheduler.policy.forecast.FrozenCluster;
import org.gantry.scheduler.policy.forecast.StartEstimate;
import org.gantry.scheduler.policy.forecast.StartForecast;
import org.junit.jupiter.api.Test;

/** Start estimates: the queue run forward through the policy, at the median and at the 10th and 90th percentiles. */
class StartForecastTest {
    /**
     * One 8-GPU node; r1 (4 GPUs) ends in 100 s, r2 (4 GPUs) in 300 s. j1 needs all 8 for 1,000 s, j2
     * then 4 for 50 s, strictly in order. Without outlooks the range takes half and twice each duration.
     */
    @Test
    void theQueueRunsForwardAtTheMedianAndAtEachEndOfTheRange() {
        Snapshot snapshot = cluster().nodes(node("n1", 8))
                .running(run("r1").on("n1", 0, 1, 2, 3).ends(NOW + 100), run("r2").on("n1", 4, 5, 6, 7).ends(NOW + 300))
                .pending(job("j1").gpus(8).submitted(1).estimate(1_000), job("j2").gpus(4).submitted(2).estimate(50),
                        job("never").gpus(64).submitted(3))
                .snapshot(Policies.fifo().order());

        Map<JobId, StartEstimate> estimates = StartForecast.estimate(FrozenCluster.of(snapshot), Policies.fifo(),
                ForecastDurations.fromEstimatesAndOutlooks(), null, 1_000);

        assertThat(estimates.get(id("j1"))).isEqualTo(new StartEstimate(NOW + 300, NOW + 150, NOW + 600));
        assertThat(estimates.get(id("j2"))).isEqualTo(new StartEstimate(NOW + 1_300, NOW + 650, NOW + 2_600));
        assertThat(estimates).as("a job that can never start gets no estimate").doesNotContainKey(id("never"));
    }

    @Test
    void onlyTheWantedJobsAreFollowedAndTheSnapshotIsLeftAsItWas() {
        Clusters.Cluster busy = cluster().nodes(node("n1", 4))
                .running(run("r1").on("n1", 0, 1, 2, 3).ends(NOW + 100))
                .pending(job("j1").gpus(4).submitted(1).estimate(500), job("j2").gpus(4).submitted(2).estimate(500));
        Snapshot snapshot = busy.snapshot(Policies.fifoBackfill().order());
        FrozenCluster frozen = FrozenCluster.of(snapshot);

        Map<JobId, StartEstimate> estimates = StartForecast.estimate(frozen, Policies.fifoBackfill(),
                ForecastDurations.fromEstimatesAndOutlooks(), java.util.Set.of(id("j1")), 1_000);

        assertThat(estimates).containsOnlyKeys(id("j1"));
        assertThat(estimates.get(id("j1")).start()).isEqualTo(NOW + 100);
        assertThat(snapshot.queue().size()).isEqualTo(2);
        assertThat(snapshot.running().size()).isEqualTo(1);
        assertThat(frozen).isEqualTo(FrozenCluster.of(snapshot));
    }
}
