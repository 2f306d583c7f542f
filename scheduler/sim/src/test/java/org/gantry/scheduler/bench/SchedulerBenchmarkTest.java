package org.gantry.scheduler.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.api.cluster.NodeId;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.SchedulingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's bookkeeping at tiny sizes; its timings are not asserted (they depend on the machine). */
class SchedulerBenchmarkTest {
    private static final int NODES = 20;
    private static final int GPUS_PER_NODE = 8;

    @ParameterizedTest
    @ValueSource(strings = {"gantry", "sjf", "fifo-backfill"})
    void everyFigureIsMeasuredAndTheFillRespectsCapacity(String policy) {
        var progress = new ArrayList<String>();
        BenchResult result = new SchedulerBenchmark(new BenchConfig(NODES, GPUS_PER_NODE, 500, policy, 7, 50, 200),
                progress::add).run();

        assertThat(progress).hasSize(5).first().asString().startsWith("warm-up fill");
        assertThat(result.policy()).isEqualTo(policy);
        assertThat(result.fillPlacements()).isPositive().isEqualTo(result.runningAfterFill());
        assertThat(result.freeGpusAfterFill()).isBetween(0, result.totalGpus() - 1);
        assertThat(result.placementsPerSecond()).isPositive();
        assertThat(result.coldPlacementsPerSecond()).isPositive();
        assertThat(result.passes()).isEqualTo(200);
        assertThat(result.passP50Millis()).isPositive();
        assertThat(result.passP99Millis()).isGreaterThanOrEqualTo(result.passP50Millis());
        assertThat(result.passMaxMillis()).isGreaterThanOrEqualTo(result.passP99Millis());
        assertThat(result.placementsPerPass()).isPositive();
        assertThat(result.heapBytesPerPendingJob()).isPositive();
        assertThat(result.heapMaxBytes()).isPositive();
    }

    @Test
    void breakdownKeepsTheSlowestPassesWithTheirCostsAndStageTimes() {
        BenchResult plain = new SchedulerBenchmark(new BenchConfig(NODES, GPUS_PER_NODE, 500, "gantry", 7, 50, 200),
                line -> {}).run();
        BenchResult broken = new SchedulerBenchmark(new BenchConfig(NODES, GPUS_PER_NODE, 500, "gantry", 7, 50, 200,
                true), line -> {}).run();

        assertThat(plain.slowestPasses()).isEmpty();
        assertThat(plain.passCpuP50Millis()).isPositive();
        assertThat(plain.passCpuP99Millis()).isGreaterThanOrEqualTo(plain.passCpuP50Millis());
        assertThat(plain.passAllocatedBytes()).isPositive();
        assertThat(broken.slowestPasses()).hasSize(SchedulerBenchmark.SLOWEST_SHOWN);
        assertThat(broken.slowestPasses()).isSortedAccordingTo(
                Comparator.comparingLong(PassSample::cpuNanos).reversed());
        for (PassSample pass : broken.slowestPasses()) {
            assertThat(pass.pass()).isBetween(0, 199);
            assertThat(pass.cpuNanos()).isPositive();
            assertThat(pass.allocatedBytes()).isPositive();
            // the stages run inside the pass, so their time is part of its wall time
            assertThat(pass.roomNanos() + pass.canActNanos() + pass.blockingNanos() + pass.growNanos())
                    .isLessThanOrEqualTo(pass.wallNanos());
        }
        // the same seed gives the same passes, timed or not: the stage timing changes no decision
        assertThat(broken.placementsPerPass()).isEqualTo(plain.placementsPerPass());
        assertThat(broken.clockSeconds()).isEqualTo(plain.clockSeconds());
    }

    @Test
    void thePlansDigestIsTheSameForTheSameInputsAndTellsOtherPlansApart() {
        var first = new PlanDigest();
        var again = new PlanDigest();
        var otherSeed = new PlanDigest();
        new SchedulerBenchmark(new BenchConfig(NODES, GPUS_PER_NODE, 500, "gantry", 7, 50, 200), line -> {}, first).run();
        new SchedulerBenchmark(new BenchConfig(NODES, GPUS_PER_NODE, 500, "gantry", 7, 50, 200, true), line -> {},
                again).run();
        new SchedulerBenchmark(new BenchConfig(NODES, GPUS_PER_NODE, 500, "gantry", 8, 50, 200), line -> {},
                otherSeed).run();

        // every plan of the measured cluster: the fill, settling and all 250 incremental passes
        assertThat(first.plans()).isGreaterThanOrEqualTo(251);
        // the same inputs give the same plans, whether the stages are timed or not
        assertThat(again.hex()).isEqualTo(first.hex()).hasSize(64);
        assertThat(otherSeed.hex()).isNotEqualTo(first.hex());
    }

    @Test
    void passesAppliedOneByOneNeverOverbookAndKeepTheBooksConsistent() {
        SchedulingPolicy policy = Policies.gantry();
        var cluster = new BenchCluster(NODES, GPUS_PER_NODE, policy.order());
        var jobs = new SyntheticJobs(3, cluster.totalGpus());
        for (int i = 0; i < 500; i++) {
            cluster.submit(jobs.next(0));
        }
        int started = 0;
        for (int pass = 0; pass < 300; pass++) {
            if (pass > 0) {
                cluster.finishNext();
            }
            Plan plan = policy.plan(cluster.snapshot());
            started += cluster.apply(plan);
            while (cluster.pendingCount() < 500) {
                cluster.submit(jobs.next(cluster.now()));
            }
            assertBooksAgree(cluster);
        }
        assertThat(started).isGreaterThan(cluster.runningCount()); // finished jobs were replaced by waiting ones
        assertThat(cluster.pendingCount()).isEqualTo(500);
    }

    private static void assertBooksAgree(BenchCluster cluster) {
        assertThat(cluster.freeGpus()).isBetween(0, cluster.totalGpus());
        assertThat(cluster.heldGpus()).isEqualTo(cluster.totalGpus() - cluster.freeGpus())
                .isEqualTo(cluster.takenGpus());
        Map<NodeId, GpuSet> held = new HashMap<>();
        for (RunningJob job : cluster.runningJobs()) {
            job.allocation().forEach((node, gpus) -> {
                GpuSet before = held.getOrDefault(node, GpuSet.EMPTY);
                assertThat(before.intersects(gpus)).as("GPU of %s given twice", node).isFalse();
                assertThat(GpuSet.firstN(GPUS_PER_NODE).containsAll(gpus)).isTrue();
                held.put(node, before.union(gpus));
            });
        }
        List<RunningJob> running = cluster.runningJobs();
        for (int i = 1; i < running.size(); i++) {
            assertThat(running.get(i).estimatedEnd()).isGreaterThanOrEqualTo(running.get(i - 1).estimatedEnd());
        }
    }

    @Test
    void aPlanForAnOlderSnapshotIsRefused() {
        SchedulingPolicy policy = Policies.named("sjf");
        var cluster = new BenchCluster(2, 8, policy.order());
        cluster.submit(new SyntheticJobs(1, 16).next(0));
        Plan stale = policy.plan(cluster.snapshot());
        cluster.snapshot();
        assertThatThrownBy(() -> cluster.apply(stale)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version");
    }

    @Test
    void jobsFollowPhillysMixAndTheSameSeedGivesTheSameJobs() {
        var a = new SyntheticJobs(11, 80_000);
        var b = new SyntheticJobs(11, 80_000);
        Map<Integer, Integer> sizes = new HashMap<>();
        Set<Object> tenants = new HashSet<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            PendingJob job = a.next(0);
            assertThat(b.next(0)).isEqualTo(job);
            sizes.merge(job.gpus().min(), 1, Integer::sum);
            tenants.add(job.owner());
            assertThat(job.estimatedSeconds()).isBetween(SyntheticJobs.MIN_SECONDS, SyntheticJobs.MAX_SECONDS);
        }
        assertThat(sizes.get(1) / (double) n).isBetween(0.925, 0.94);
        assertThat(sizes.get(8) / (double) n).isBetween(0.017, 0.023);
        assertThat(tenants).hasSize(SyntheticJobs.TENANTS.size());
    }

    @Test
    void jobsNeverAskForMoreThanTheCluster() {
        var jobs = new SyntheticJobs(5, 12);
        for (int i = 0; i < 20_000; i++) {
            assertThat(jobs.next(0).gpus().min()).isLessThanOrEqualTo(8);
        }
    }
}
