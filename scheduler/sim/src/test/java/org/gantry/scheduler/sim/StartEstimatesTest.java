package org.gantry.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Start estimates told at submit (the queue run forward through the same policy) are scored
 * against what happened, and asking for them changes nothing about the replay.
 */
class StartEstimatesTest {
    private static final SimulationConfig CONFIG =
            new SimulationConfig(ClusterShape.parse("1x8"), QuotaMode.NONE, 600, 60, 300);

    @ParameterizedTest
    @ValueSource(strings = {"fifo-backfill", "gantry", "las", "gittins"})
    void estimatesAreScoredAndLeaveTheReplayAsItWas(String policy) {
        Trace trace = BundledTraces.read(BundledTraces.TIRESIAS_60, TraceReader.Selection.ALL);
        Simulation plain = Simulation.withPredictor(CONFIG, SimPolicy.named(policy, 300), trace);
        SimulationResult without = plain.run(progress -> { });
        Simulation estimating = Simulation.withPredictor(CONFIG, SimPolicy.named(policy, 300), trace)
                .estimateStartsEvery(1);
        SimulationResult with = estimating.run(progress -> { });

        assertThat(estimating.outcomes()).isEqualTo(plain.outcomes());
        assertThat(with.avgJctSeconds()).isEqualTo(without.avgJctSeconds());
        assertThat(plain.startEstimateAccuracy()).isEqualTo(StartEstimateAccuracy.NOT_SAMPLED);

        List<StartEstimateAccuracy.Scored> scored = estimating.scoredStarts();
        assertThat(scored).as("every submit that fits the cluster was told a start").hasSizeGreaterThan(50);
        for (StartEstimateAccuracy.Scored job : scored) {
            assertThat(job.told().start()).as("never before its submit").isGreaterThanOrEqualTo(job.submitted());
        }
        StartEstimateAccuracy accuracy = estimating.startEstimateAccuracy();
        assertThat(accuracy.sampledEvery()).isEqualTo(1);
        assertThat(accuracy.scored()).as("jobs that waited 5 minutes or more").isPositive();
        assertThat(accuracy.medianRelativeError()).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(accuracy.rangeHolds()).isBetween(0.0, 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo-backfill", "gantry"})
    void diagnosingTheEstimatesLeavesTheReplayAndTheEstimatesAsTheyWere(String policy) {
        Trace trace = BundledTraces.read(BundledTraces.TIRESIAS_60, TraceReader.Selection.ALL);
        Simulation estimating = Simulation.withPredictor(CONFIG, SimPolicy.named(policy, 300), trace)
                .estimateStartsEvery(1);
        estimating.run(progress -> { });
        Simulation diagnosing = Simulation.withPredictor(CONFIG, SimPolicy.named(policy, 300), trace)
                .estimateStartsEvery(1).diagnoseEstimates(true);
        diagnosing.run(progress -> { });

        assertThat(diagnosing.outcomes()).isEqualTo(estimating.outcomes());
        assertThat(diagnosing.scoredStarts()).isEqualTo(estimating.scoredStarts());
        assertThat(estimating.diagnosis()).isEmpty();
        String report = diagnosing.diagnosis();
        int scored = diagnosing.startEstimateAccuracy().scored();
        assertThat(report.lines()).as("one line per variant").hasSize(9)
                .allSatisfy(line -> assertThat(line).contains("n=" + scored + " "));
        assertThat(report).contains("true durations and arrivals", "true running ends", "point at outlook q0.6");
    }
}
