package org.gantry.scheduler.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Predictions from the history of similar jobs. Durations come back as their log bin's middle
 * (see {@link LogHistogramTest}): 10 → 10, 30 → 31, 100 → 103, 300 → 292, 1000 → 981.
 */
class HistoryPredictorTest {
    private static JobFeatures job(String tenant, String name, int gpus) {
        return new JobFeatures(tenant, name, gpus);
    }

    private static void observe(DurationPredictor predictor, JobFeatures job, long seconds, int times) {
        for (int i = 0; i < times; i++) {
            predictor.observe(job, seconds);
        }
    }

    @Test
    void theMedianOfRecentSimilarJobs() {
        var predictor = HistoryPredictor.defaults();
        for (long seconds : new long[] {300, 10, 1000, 100, 30}) {
            predictor.observe(job("a", "train", 1), seconds);
        }
        assertThat(predictor.predictSeconds(job("a", "train", 1))).isEqualTo(103);
    }

    @Test
    void theDefaultsAreTheMedianTrustedFromThreeJobsAndAnHourBeforeThat() {
        var predictor = HistoryPredictor.defaults();
        assertThat(predictor.predictSeconds(job("a", "train", 1))).isEqualTo(3600);
        observe(predictor, job("a", "train", 1), 100, 2);
        assertThat(predictor.predictSeconds(job("a", "train", 1))).isEqualTo(3600); // 2 < 3 samples
        observe(predictor, job("a", "train", 1), 100, 1);
        assertThat(predictor.predictSeconds(job("a", "train", 1))).isEqualTo(103);
    }

    /**
     * minSamples 3. History:
     * <pre>
     *   (t1, m1, 1 GPU)  100 s x3
     *   (t1, m2, 1 GPU)   10 s x4      t1 with 1 GPU: 10 x4, 100 x3             -> median (4th of 7)  10
     *   (t1, m3, 2 GPUs) 1000 s x8     t1:  10 x4, 100 x3, 1000 x8              -> median (8th of 15) 1000
     *   (t2, m1, 1 GPU)   30 s x2      t2 has 2 < 3 jobs at every level;
     *                                  1 GPU: 10 x4, 30 x2, 100 x3              -> median (5th of 9)  30
     *   (t3, m1, 4 GPUs) 300 s x2      t3 and 4 GPUs have 2 < 3 jobs;
     *                                  all: 10 x4, 30 x2, 100 x3, 300 x2, 1000 x8 -> median (10th of 19) 300
     * </pre>
     */
    @ParameterizedTest(name = "({0}, {1}, {2} GPUs) -> {3} s from the {4} level")
    @CsvSource({
            "t1, m1, 1, 103, tenant+name+gpus",
            "t1, m9, 1, 10, tenant+gpus",
            "t1, m1, 4, 981, tenant",
            "t1, m3, 4, 981, tenant",
            "t2, m1, 1, 31, gpus",
            "t9, m9, 1, 31, gpus",
            "t3, m1, 4, 292, all",
            "t9, m9, 8, 292, all",
            "t2, m9, 2, 981, gpus (only t1's 2-GPU jobs)"})
    void fallsBackThroughTheLevelsUntilOneHasEnoughHistory(String tenant, String name, int gpus, long expected,
                                                          String level) {
        var predictor = new HistoryPredictor(0.5, 3, 200, 3600);
        observe(predictor, job("t1", "m1", 1), 100, 3);
        observe(predictor, job("t1", "m2", 1), 10, 4);
        observe(predictor, job("t1", "m3", 2), 1000, 8);
        observe(predictor, job("t2", "m1", 1), 30, 2);
        observe(predictor, job("t3", "m1", 4), 300, 2);

        assertThat(predictor.predictSeconds(job(tenant, name, gpus))).isEqualTo(expected);
    }

    @Test
    void withNoHistoryItPredictsTheDefault() {
        var predictor = new HistoryPredictor(0.5, 1, 10, 777);
        assertThat(predictor.predictSeconds(job("a", "", 1))).isEqualTo(777);
        predictor.observe(job("a", "", 1), 100);
        assertThat(predictor.predictSeconds(job("b", "x", 2))).isEqualTo(103); // even one job beats the default
    }

    @Test
    void aNullNameIsTheEmptyName() {
        var predictor = new HistoryPredictor(0.5, 1, 10, 777);
        predictor.observe(job("a", null, 1), 1000);
        predictor.observe(job("a", "other", 1), 10);
        predictor.observe(job("a", "other", 1), 10);
        assertThat(predictor.predictSeconds(job("a", "", 1))).isEqualTo(981);
    }

    @Test
    void theQuantileIsConfigurable() {
        var p90 = new HistoryPredictor(0.9, 1, 100, 3600);
        for (long seconds = 1; seconds <= 10; seconds++) {
            p90.observe(job("a", "x", 1), seconds * 100);
        }
        // 9th of 10: 900 s, bin floor(8 log2 900) = 78 -> 2^(78.5/8) = 899.2
        assertThat(p90.predictSeconds(job("a", "x", 1))).isEqualTo(899);
    }

    @Test
    void theWindowForgetsOldJobs() {
        var predictor = new HistoryPredictor(0.5, 1, 4, 3600);
        observe(predictor, job("a", "x", 1), 100, 4);
        assertThat(predictor.predictSeconds(job("a", "x", 1))).isEqualTo(103);

        observe(predictor, job("a", "x", 1), 1000, 2);  // window 100, 100, 1000, 1000: 2nd of 4
        assertThat(predictor.predictSeconds(job("a", "x", 1))).isEqualTo(103);

        observe(predictor, job("a", "x", 1), 1000, 1);  // 100, 1000, 1000, 1000
        assertThat(predictor.predictSeconds(job("a", "x", 1))).isEqualTo(981);

        // every level has its own window: a burst of another tenant's jobs pushes t/a's out of "all"
        observe(predictor, job("b", "y", 2), 10, 4);
        assertThat(predictor.predictSeconds(job("c", "z", 3))).isEqualTo(10);
        assertThat(predictor.predictSeconds(job("a", "x", 1))).isEqualTo(981);
    }

    /** 10 s x8, 100 s x4, 1000 s x2, 10000 s x1: most jobs are short, a few are very long. */
    private static HistoryPredictor heavyTailed() {
        var predictor = new HistoryPredictor(0.5, 3, 200, 3600);
        observe(predictor, job("a", "x", 1), 10, 8);
        observe(predictor, job("a", "x", 1), 100, 4);
        observe(predictor, job("a", "x", 1), 1000, 2);
        observe(predictor, job("a", "x", 1), 10_000, 1);
        return predictor;
    }

    @ParameterizedTest(name = "after {0} s: {1} s more")
    @CsvSource({
            "5, 5",          // median of all 15 (10 s) less 5
            "50, 53",        // median of the 7 longer than 50 (103) less 50
            "500, 481",      // median of the 3 longer than 500 (981) less 500
            "5000, 5173",    // the one longer than 5000 (10173) less 5000
            "20000, 20000"}) // nothing similar ran that long: as long again
    void theRemainingTimeGrowsWithTheTimeAlreadyRun(long elapsed, long remaining) {
        assertThat(heavyTailed().predictRemainingSeconds(job("a", "x", 1), elapsed)).isEqualTo(remaining);
    }

    @Test
    void theRemainingTimeGrowsStrictlyForAHeavyTail() {
        var predictor = heavyTailed();
        long previous = 0;
        for (long elapsed : new long[] {5, 50, 500, 5000, 20_000, 1_000_000}) {
            long remaining = predictor.predictRemainingSeconds(job("a", "x", 1), elapsed);
            assertThat(remaining).as("after %d s", elapsed).isGreaterThan(previous);
            previous = remaining;
        }
    }

    @Test
    void onlyJobsInHigherBinsCountAsHavingRunLonger() {
        var predictor = new HistoryPredictor(0.5, 1, 10, 3600);
        predictor.observe(job("a", "x", 1), 100); // bin 53 (98.7 to 107.6 s), middle 103
        assertThat(predictor.predictRemainingSeconds(job("a", "x", 1), 90)).isEqualTo(13); // bin 51: 103 - 90
        // 99 s is in the 100 s job's own bin, so nothing similar is known to run longer: as long again
        assertThat(predictor.predictRemainingSeconds(job("a", "x", 1), 99)).isEqualTo(99);
        assertThat(predictor.predictRemainingSeconds(job("a", "x", 1), 103)).isEqualTo(103);
    }

    @ParameterizedTest(name = "no history, after {0} s: {1} s more")
    @CsvSource({"1, 3599", "600, 3000", "1800, 1800", "3000, 3000", "5000, 5000"})
    void withoutHistoryTheRemainingTimeIsTheRestOfTheDefaultOrAsLongAgain(long elapsed, long remaining) {
        var predictor = new HistoryPredictor(0.5, 3, 200, 3600);
        observe(predictor, job("a", "x", 1), 100, 2); // below minSamples everywhere
        assertThat(predictor.predictRemainingSeconds(job("a", "x", 1), elapsed)).isEqualTo(remaining);
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> new HistoryPredictor(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryPredictor(1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryPredictor(0.5, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryPredictor(0.5, 5, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryPredictor(0.5, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
