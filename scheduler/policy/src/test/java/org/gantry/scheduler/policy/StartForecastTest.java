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
import org.gantry.scheduler.policy.forecast.ArrivalHistory;
import org.gantry.scheduler.policy.forecast.ForecastDurations;
import org.gantry.scheduler.policy.forecast.FrozenCluster;
import org.gantry.scheduler.policy.forecast.RecentArrivals;
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

    /**
     * One 8-GPU node held by r1 until NOW + 100; j1 (8 GPUs, 1,000 s) waits. Shortest job first:
     * a 50 s job submitted 950 s before now, in a 1,000 s window, is expected again at NOW + 50,
     * ranks ahead of j1 and runs first. Without arrivals the forecast told NOW + 100.
     */
    @Test
    void laterArrivalsThatRankAheadDelayAWaitingJob() {
        SchedulingPolicy sjf = Policies.shortestJobFirst(0);
        Snapshot snapshot = cluster().nodes(node("n1", 8))
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).ends(NOW + 100))
                .pending(job("j1").gpus(8).submitted(NOW - 10).estimate(1_000))
                .snapshot(sjf.order());
        var history = new ArrivalHistory(1_000);
        history.record(job("long-ago").gpus(8).submitted(NOW - 5_000).estimate(50).build());
        history.record(job("short").gpus(8).submitted(NOW - 950).estimate(50).build());
        RecentArrivals expected = history.at(NOW);
        assertThat(expected.jobs()).as("the window forgets what came before it").hasSize(1);

        Map<JobId, StartEstimate> without = StartForecast.estimate(FrozenCluster.of(snapshot), sjf,
                ForecastDurations.fromEstimatesAndOutlooks(), null, 1_000);
        Map<JobId, StartEstimate> with = StartForecast.estimate(FrozenCluster.of(snapshot), sjf,
                ForecastDurations.fromEstimatesAndOutlooks(), expected, null, 1_000);

        assertThat(without.get(id("j1")).start()).isEqualTo(NOW + 100);
        // Point: short runs 100..150. Early (halves): r1 ends at 50, short runs 50..75. Late (doubles): 200..300.
        assertThat(with.get(id("j1"))).isEqualTo(new StartEstimate(NOW + 150, NOW + 75, NOW + 300));
        assertThat(with).as("expected arrivals are not told estimates").containsOnlyKeys(id("j1"));
    }

    /**
     * A flood of submits keeps only the newest jobs, and they repeat at the rate the whole window
     * saw: 10 jobs in the 1,000 s window, 3 kept, so the 3 come again every 300 s.
     */
    @Test
    void theArrivalWindowHoldsAtMostItsCapAndRepeatsThemAtTheWindowsRate() {
        var history = new ArrivalHistory(1_000, 3);
        for (int i = 0; i < 10; i++) {
            history.record(job("j" + i).gpus(1).submitted(NOW - 90 + 10 * i).estimate(50).build());
        }
        RecentArrivals expected = history.at(NOW);
        assertThat(expected.jobs()).extracting(PendingJob::id).containsExactly(id("j7"), id("j8"), id("j9"));
        assertThat(expected.windowSeconds()).as("every 1,000 s x 3 / 10, not every 21 s they span")
                .isEqualTo(300);
    }

    /**
     * A quiet window, then a burst of 20 submits in one second, of which the cap keeps 4: the burst
     * is expected again as often as the window's 22 submits say (every 1,000 s x 4 / 22 = 182 s),
     * where repeating it every second it spans expected 20 jobs a second for ever.
     */
    @Test
    void aBurstCutShortByTheCapRepeatsAtTheWindowsRateNotAtItsOwn() {
        var history = new ArrivalHistory(1_000, 4);
        history.record(job("early").gpus(1).submitted(NOW - 900).estimate(50).build());
        history.record(job("later").gpus(1).submitted(NOW - 500).estimate(50).build());
        for (int i = 0; i < 20; i++) {
            history.record(job("burst" + i).gpus(1).submitted(NOW).estimate(50).build());
        }
        RecentArrivals expected = history.at(NOW);
        assertThat(expected.jobs()).hasSize(4);
        assertThat(expected.windowSeconds()).isEqualTo(182);
    }

    /**
     * Arrivals expected faster than anything could use them (10,000 a second) stop after
     * {@code MAX_EXPECTED_ARRIVALS} in each run, so the forecast ends with j1's start instead of
     * queuing 5 million jobs a run while n1 stays busy for 500 s. They rank behind j1 (FIFO).
     */
    @Test
    void aRunQueuesABoundedNumberOfExpectedArrivals() {
        Snapshot snapshot = cluster().nodes(node("n1", 8))
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).ends(NOW + 500))
                .pending(job("j1").gpus(8).submitted(NOW - 10).estimate(100))
                .snapshot(Policies.fifo().order());
        var flood = new java.util.ArrayList<PendingJob>();
        for (int i = 0; i < 10_000; i++) {
            flood.add(job("flood" + i).gpus(1).submitted(NOW).estimate(100).build());
        }

        Map<JobId, StartEstimate> estimates = StartForecast.estimate(FrozenCluster.of(snapshot), Policies.fifo(),
                ForecastDurations.fromEstimatesAndOutlooks(), new RecentArrivals(NOW, 1, flood), null, 1_000);

        assertThat(estimates.get(id("j1")).start()).isEqualTo(NOW + 500);
    }

    /**
     * Least attained service: j1, which has had less service, preempts r1 (past its minimum run),
     * and r1 waits again with the work it had left (900 s), so j2 behind it starts only after both.
     */
    @Test
    void aPreemptedJobWaitsAgainWithTheWorkItHadLeft() {
        SchedulingPolicy las = Policies.leastAttainedService(0);
        Snapshot snapshot = cluster().nodes(node("n1", 8))
                .running(run("r1").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).started(NOW - 100_000).ends(NOW + 900))
                .pending(job("j1").gpus(8).submitted(NOW - 10).estimate(100),
                        job("j2").gpus(8).submitted(NOW - 5).estimate(100).attained(1e9))
                .snapshot(las.order());

        Map<JobId, StartEstimate> estimates = StartForecast.estimate(FrozenCluster.of(snapshot), las,
                ForecastDurations.fromEstimatesAndOutlooks(), null, 1_000);

        assertThat(estimates.get(id("j1")).start()).isEqualTo(NOW);
        assertThat(estimates.get(id("j2")).start()).as("after j1 (100 s) and r1's 900 s left").isEqualTo(NOW + 1_000);
    }
}
