package org.gantry.scheduler.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Logarithmic bins, 8 per doubling: a duration s lands in bin floor(8·log2 s) and comes back as
 * the bin's geometric middle, round(2^((bin + 0.5) / 8)).
 */
class LogHistogramTest {
    private static final double ONE_BIN = Math.pow(2, 1.0 / 8);   // ≈ 1.0905
    private static final double HALF_BIN = Math.pow(2, 1.0 / 16); // ≈ 1.0443

    private static LogHistogram of(int window, long... seconds) {
        var histogram = new LogHistogram(window);
        for (long s : seconds) {
            histogram.add(s);
        }
        return histogram;
    }

    @ParameterizedTest(name = "{0} s comes back as {1} s")
    @CsvSource({
            "1, 1",           // bin 0: 2^(0.5/8) = 1.04
            "5, 5",           // bin 18: 2^(18.5/8) = 4.97
            "10, 10",         // bin 26: 2^(26.5/8) = 9.93
            "30, 31",         // bin 39: 2^(39.5/8) = 30.64
            "100, 103",       // bin 53: 2^(53.5/8) = 103.05
            "300, 292",       // bin 65: 2^(65.5/8) = 291.6
            "500, 490",       // bin 71: 2^(71.5/8) = 490.3
            "1000, 981",      // bin 79: 2^(79.5/8) = 980.6
            "3600, 3597",     // bin 94
            "10000, 10173",   // bin 106
            "100000, 96785"}) // bin 132
    void aSingleDurationComesBackAsItsBinsMiddle(long seconds, long middle) {
        assertThat(of(10, seconds).quantile(0.5)).isEqualTo(middle);
        assertThat(of(10, seconds).quantile(0.01)).isEqualTo(middle);
        assertThat(of(10, seconds).quantile(0.99)).isEqualTo(middle);
    }

    @Test
    void durationsBeyondTheLastBinAreClamped() {
        // 26 doublings: the last bin (207) is 2^(207.5/8) ≈ 64.4 million seconds (about two years)
        long last = of(1, 1L << 26).quantile(0.5);
        assertThat(last).isEqualTo(Math.round(Math.pow(2, 207.5 / 8)));
        assertThat(of(1, Long.MAX_VALUE / 2).quantile(0.5)).isEqualTo(last);
        assertThat(of(1, 0).quantile(0.5)).isEqualTo(1); // 0 s is treated as 1 s
    }

    @ParameterizedTest(name = "q={0} of 10, 30, 100, 300, 1000 -> {1}")
    @CsvSource({"0.01, 10", "0.2, 10", "0.21, 31", "0.4, 31", "0.5, 103", "0.6, 103", "0.61, 292", "0.8, 292",
            "0.81, 981", "0.99, 981"})
    void theQuantileIsTheRankCeilQTimesNSmallestDuration(double q, long expected) {
        // rank = ceil(q * 5): 0.2 -> 1st, 0.21 -> 2nd, 0.5 -> 3rd, 0.61 -> 4th, 0.81 -> 5th
        assertThat(of(10, 300, 10, 1000, 100, 30).quantile(q)).isEqualTo(expected);
    }

    @Test
    void theWindowForgetsTheOldestDurations() {
        var histogram = of(4, 100, 100, 100, 100);
        assertThat(histogram.size()).isEqualTo(4);
        assertThat(histogram.quantile(0.5)).isEqualTo(103);

        histogram.add(1000);
        histogram.add(1000);
        // window: 100, 100, 1000, 1000 -> the 2nd smallest
        assertThat(histogram.size()).isEqualTo(4);
        assertThat(histogram.quantile(0.5)).isEqualTo(103);
        assertThat(histogram.quantile(0.75)).isEqualTo(981);

        histogram.add(1000);
        histogram.add(1000);
        // every 100 has aged out
        assertThat(histogram.quantile(0.01)).isEqualTo(981);

        for (int i = 0; i < 1000; i++) {
            histogram.add(10);
        }
        assertThat(histogram.size()).isEqualTo(4);
        assertThat(histogram.quantile(0.99)).isEqualTo(10);
    }

    @Test
    void quantileAboveOnlyCountsLongerDurations() {
        // 10 s x8, 100 s x4, 1000 s x2, 10000 s x1: a heavy tail
        var histogram = new LogHistogram(100);
        for (long[] group : new long[][] {{10, 8}, {100, 4}, {1000, 2}, {10_000, 1}}) {
            for (int i = 0; i < group[1]; i++) {
                histogram.add(group[0]);
            }
        }
        assertThat(histogram.quantileAbove(0.5, 5)).isEqualTo(10);      // all 15: 8th
        assertThat(histogram.quantileAbove(0.5, 50)).isEqualTo(103);    // 7 above: 4th
        assertThat(histogram.quantileAbove(0.5, 500)).isEqualTo(981);   // 3 above: 2nd
        assertThat(histogram.quantileAbove(0.5, 5000)).isEqualTo(10173); // 1 above
        assertThat(histogram.quantileAbove(0.5, 20_000)).isEqualTo(-1);  // none ran that long
        // a job that ran exactly as long as the history's longest is in that bin: nothing above
        assertThat(histogram.quantileAbove(0.5, 10_000)).isEqualTo(-1);
    }

    static Stream<Arguments> samples() {
        return Stream.of(11L, 12L, 13L, 14L, 15L).flatMap(seed ->
                Stream.of(0.05, 0.25, 0.5, 0.75, 0.9, 0.99).map(q -> Arguments.of(seed, q)));
    }

    /**
     * Durations log-uniform from 1 minute to 100 days: every quantile is the middle of the bin
     * holding the true order statistic, so within half a bin (2^(1/16)) of it, and surely within
     * one bin (2^(1/8), about 9%). Rounding to whole seconds adds at most 0.5 s, under 1% here.
     */
    @ParameterizedTest(name = "seed {0}, q={1}")
    @MethodSource("samples")
    void quantilesLandWithinABinOfTheTruth(long seed, double q) {
        var random = new Random(seed);
        int n = 50 + random.nextInt(451);
        long[] durations = new long[n];
        var histogram = new LogHistogram(n);
        for (int i = 0; i < n; i++) {
            durations[i] = Math.round(60 * Math.exp(random.nextDouble() * Math.log(144_000)));
            histogram.add(durations[i]);
        }
        Arrays.sort(durations);
        long truth = durations[(int) Math.max(1, Math.ceil(q * n)) - 1];

        double ratio = (double) histogram.quantile(q) / truth;

        assertThat(ratio).isBetween(1 / ONE_BIN, ONE_BIN);
        assertThat(ratio).isBetween(1 / (HALF_BIN * 1.01), HALF_BIN * 1.01);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 200})
    void theSizeIsCappedByTheWindow(int window) {
        var histogram = new LogHistogram(window);
        for (int i = 1; i <= 300; i++) {
            histogram.add(i);
            assertThat(histogram.size()).isEqualTo(Math.min(i, window));
        }
    }
}
