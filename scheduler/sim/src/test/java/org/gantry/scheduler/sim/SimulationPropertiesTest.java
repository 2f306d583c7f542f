package org.gantry.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.assertj.core.api.SoftAssertions;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.PolicyEntry;
import org.gantry.scheduler.predict.HistoryPredictor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every policy the simulator offers, on 200 seeded random traces and clusters, with and without
 * quotas: the simulator's own checks find nothing, every job that fits runs to completion and
 * no faster than its duration, the cluster is never overcommitted, and no schedule beats the
 * lower bound.
 */
class SimulationPropertiesTest {
    private static final double EPSILON = 1e-6;
    /** Policies without a room maker never preempt. */
    private static final Set<String> NEVER_PREEMPT = Set.of("fifo", "fifo-backfill", "sjf-oracle", "sjf", "sjf-gpu");

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyPolicyKeepsTheRules(long seed) {
        RandomTraces.Case scenario = RandomTraces.of(seed);
        List<TraceJob> fitting = RandomTraces.fitting(scenario.trace(), scenario.cluster());
        int tooLarge = scenario.trace().jobs().size() - fitting.size();
        double lowerBound = LowerBound.averageJctSeconds(fitting, scenario.cluster().totalGpus());
        var softly = new SoftAssertions();
        for (QuotaMode quota : QuotaMode.values()) {
            for (String name : Policies.all().stream().map(PolicyEntry::name).toList()) { // every policy shipped
                String what = scenario + ", " + name + ", quota " + quota;
                Simulation simulation = new Simulation(scenario.config(quota), SimPolicy.named(name, 300),
                        scenario.trace(), new Watchdog(HistoryPredictor.defaults(), scenario.trace().jobs().size()));
                SimulationResult result;
                try {
                    result = simulation.run(progress -> {});
                } catch (Watchdog.Livelock e) {
                    softly.fail(what + ": " + e.getMessage() + "; unfinished: " + simulation.outcomes().stream()
                            .filter(o -> !o.finished()).map(o -> o.job().id() + " (" + o.preemptions()
                                    + " preemptions)").toList());
                    continue;
                }
                List<JobOutcome> outcomes = simulation.outcomes();

                softly.assertThat(result.capacityViolations()).as(what + ": capacity violations").isZero();
                softly.assertThat(result.doubleAllocations()).as(what + ": double allocations").isZero();
                softly.assertThat(result.quotaViolations()).as(what + ": quota violations").isZero();
                softly.assertThat(result.unfinished()).as(what + ": unfinished (jobs larger than the cluster)")
                        .isEqualTo(tooLarge);
                softly.assertThat(result.jobs()).as(what).isEqualTo(scenario.trace().jobs().size());
                softly.assertThat(outcomes).extracting(JobOutcome::job).as(what)
                        .containsExactlyElementsOf(scenario.trace().jobs());
                for (JobOutcome outcome : outcomes) {
                    TraceJob job = outcome.job();
                    String who = what + ", " + job;
                    if (job.gpus() > scenario.cluster().totalGpus()) {
                        softly.assertThat(outcome.firstStart()).as(who + " never starts").isEqualTo(-1);
                        softly.assertThat(outcome.finished()).as(who + " never finishes").isFalse();
                        continue;
                    }
                    softly.assertThat(outcome.finished()).as(who + " finishes").isTrue();
                    softly.assertThat(outcome.firstStart()).as(who + " starts after submit")
                            .isGreaterThanOrEqualTo(job.submitSeconds());
                    softly.assertThat(outcome.completionSeconds()).as(who + " JCT >= duration")
                            .isGreaterThanOrEqualTo(job.durationSeconds());
                    softly.assertThat(outcome.finish() - outcome.firstStart()).as(who + " runs at least its duration")
                            .isGreaterThanOrEqualTo(job.durationSeconds());
                    if (outcome.preemptions() == 0) {
                        softly.assertThat(outcome.finish() - outcome.firstStart())
                                .as(who + " runs exactly its duration when never preempted")
                                .isEqualTo(job.durationSeconds());
                    }
                    softly.assertThat(outcome.predictedSeconds()).as(who + " was told a duration").isPositive();
                    if (name.equals("sjf-oracle")) {
                        softly.assertThat(outcome.predictedSeconds()).as(who + ": the oracle is told the truth")
                                .isEqualTo(job.durationSeconds());
                    }
                }
                softly.assertThat(result.utilization()).as(what + ": utilization")
                        .isGreaterThan(0).isLessThanOrEqualTo(1 + EPSILON);
                softly.assertThat(result.avgJctSeconds()).as(what + ": average JCT >= lower bound")
                        .isGreaterThanOrEqualTo(lowerBound - EPSILON);
                if (NEVER_PREEMPT.contains(name)) {
                    softly.assertThat(result.preemptions()).as(what + ": preemptions").isZero();
                }
                if (result.preemptions() == 0) {
                    softly.assertThat(peakGpusInUse(outcomes)).as(what + ": GPUs in use at the busiest moment")
                            .isLessThanOrEqualTo(scenario.cluster().totalGpus());
                }
                softly.assertThat(outcomes.stream().mapToInt(JobOutcome::preemptions).sum()).as(what)
                        .isEqualTo(result.preemptions());
            }
        }
        softly.assertAll();
    }

    /**
     * Found by the property test (seeds 0, 17, 38, 41, 44 with las and proportional quotas), cut
     * down to two jobs on one 6-GPU node. Quotas from GPU-time shares: x's tenant is guaranteed
     * floor(6 × 300000 / 578904) = 3 GPUs, y's 2. At 14821 x (1 GPU) has had 14821 GPU-s (LAS
     * queue 1); y (6 GPUs, 0 GPU-s, queue 0) arrives and LAS preempts x for it. The replan at the
     * same instant places guaranteed work first, so x, within its guarantee, starts again on
     * the GPU it just gave up, and y (borrowing) still finds 5 free. 300 s later (the minimum
     * run) the tick preempts x again, before its first 600 s checkpoint: x loses all its work
     * every time, y never starts, and the simulation never ends.
     */
    @Test
    void lasPreemptionForABorrowerDoesNotLoopForever() {
        var trace = new Trace(TraceFormat.TIRESIAS, List.of(
                new TraceJob("x", "small", "", 0, 300_000, 1),
                new TraceJob("y", "big", "", 14_821, 46_484, 6)));
        var config = new SimulationConfig(new ClusterShape(1, 6), QuotaMode.PROPORTIONAL, 600, 60, 300);
        var simulation = new Simulation(config, SimPolicy.named("las", 300), trace,
                new Watchdog(HistoryPredictor.defaults(), 2));

        SimulationResult result = simulation.run(progress -> {});

        assertThat(result.unfinished()).isZero();
        assertThat(simulation.outcomes()).allSatisfy(o -> assertThat(o.preemptions()).isLessThanOrEqualTo(1));
    }

    /**
     * The most GPUs held at once, from the outcomes alone (valid when nobody was preempted, so
     * each job held its GPUs from first start to finish): an independent check on the simulator.
     */
    private static int peakGpusInUse(List<JobOutcome> outcomes) {
        var events = new ArrayList<long[]>(); // time, +gpus or -gpus
        for (JobOutcome outcome : outcomes) {
            if (outcome.finished()) {
                events.add(new long[] {outcome.firstStart(), outcome.job().gpus()});
                events.add(new long[] {outcome.finish(), -outcome.job().gpus()});
            }
        }
        // at the same instant, releases come before starts
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int inUse = 0;
        int peak = 0;
        for (long[] event : events) {
            inUse += (int) event[1];
            peak = Math.max(peak, inUse);
        }
        return peak;
    }
}
