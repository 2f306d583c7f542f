package org.gantry.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How good the durations told to a policy were. */
class PredictionAccuracyTest {

    /** Outcomes of jobs written "actual:predicted". */
    private static List<JobOutcome> outcomes(String... specs) {
        var outcomes = new ArrayList<JobOutcome>();
        for (String spec : specs) {
            String[] parts = spec.split(":");
            var job = new TraceJob("j" + outcomes.size(), "t", "", 0, Long.parseLong(parts[0]), 1);
            outcomes.add(new JobOutcome(job, 0, job.durationSeconds(), 0, Long.parseLong(parts[1])));
        }
        return outcomes;
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleErrors() {
        // errors |ln(p/a)|: 0, ln 2 (twice as long), ln 2 (half), ln 4 -> median (ln 2 + ln 2) / 2
        PredictionAccuracy accuracy = PredictionAccuracy.of(outcomes("100:100", "100:200", "100:50", "100:400"));

        assertThat(accuracy.medianAbsLogError()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(accuracy.underestimateRate()).isEqualTo(0.25); // only 100:50 was predicted short
    }

    @Test
    void anOddCountTakesTheMiddleError() {
        // errors: ln 10, ln 3, 0 -> median ln 3; two of three predicted shorter than they ran
        PredictionAccuracy accuracy = PredictionAccuracy.of(outcomes("1000:100", "30:10", "7:7"));

        assertThat(accuracy.medianAbsLogError()).isCloseTo(Math.log(3), within(1e-12));
        assertThat(accuracy.underestimateRate()).isEqualTo(2.0 / 3);
    }

    @Test
    void jobsWithoutAPredictionAreLeftOut() {
        // the 0 (never predicted: too large for the cluster) counts neither as an error nor a job
        PredictionAccuracy accuracy = PredictionAccuracy.of(outcomes("100:0", "100:300", "100:25", "100:0"));

        assertThat(accuracy.medianAbsLogError()).isCloseTo((Math.log(3) + Math.log(4)) / 2, within(1e-12));
        assertThat(accuracy.underestimateRate()).isEqualTo(0.5);
    }

    @Test
    void perfectPredictionsHaveNoError() {
        PredictionAccuracy accuracy = PredictionAccuracy.of(outcomes("5:5", "86400:86400"));

        assertThat(accuracy.medianAbsLogError()).isZero();
        assertThat(accuracy.underestimateRate()).isZero();
    }

    @Test
    void withNothingPredictedItDoesNotApply() {
        assertThat(PredictionAccuracy.of(List.of())).isEqualTo(PredictionAccuracy.NOT_APPLICABLE);
        assertThat(PredictionAccuracy.of(outcomes("100:0"))).isEqualTo(PredictionAccuracy.NOT_APPLICABLE);
        assertThat(PredictionAccuracy.NOT_APPLICABLE.medianAbsLogError()).isNaN();
    }
}
