package org.gantry.scheduler.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Ranges told at submit reach farther than the group's own quantiles (calibration, issue #14). */
class DurationOutlookRangeTest {
    /** 100 durations, 20 s apart: 20 s to 2,000 s. */
    private static final DurationOutlook SPREAD = new DurationOutlook(
            List.of(DurationDistribution.of(LongStream.rangeClosed(1, 100).map(i -> 20 * i).toArray())), 3, 3600);

    @Test
    void theRangeAsksFartherFromTheMedianThanTheGroupsOwnQuantiles() {
        assertThat(SPREAD.rangeQuantile(0.1, 0)).as("10 % asked at about 4 %")
                .isLessThan(SPREAD.remainingQuantile(0.1, 0)).isGreaterThanOrEqualTo(SPREAD.remainingQuantile(0.03, 0));
        assertThat(SPREAD.rangeQuantile(0.9, 0)).as("90 % asked at about 96 %")
                .isGreaterThan(SPREAD.remainingQuantile(0.9, 0)).isLessThanOrEqualTo(SPREAD.remainingQuantile(0.97, 0));
        assertThat(SPREAD.rangeQuantile(0.5, 0)).as("the median stays").isEqualTo(SPREAD.remainingQuantile(0.5, 0));
    }

    @Test
    void aJobThatRanIsJudgedAsTheQuantilesJudgeIt() {
        assertThat(SPREAD.rangeQuantile(0.9, 1_000)).isGreaterThanOrEqualTo(SPREAD.remainingQuantile(0.9, 1_000))
                .isLessThanOrEqualTo(SPREAD.remainingQuantile(0.97, 1_000));
        var unknown = new DurationOutlook(List.of(), 3, 3600);
        assertThat(unknown.rangeQuantile(0.9, 500)).isEqualTo(unknown.remainingQuantile(0.9, 500));
    }
}
