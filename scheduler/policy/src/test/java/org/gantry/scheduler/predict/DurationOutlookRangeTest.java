package org.gantry.scheduler.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges widen a small group's spread by its coarser groups' (calibration, issue #14). */
class DurationOutlookRangeTest {
    private static final DurationDistribution WIDE = DurationDistribution.of(10, 30, 100, 300, 1_000, 3_000, 10_000);

    @Test
    void aSmallGroupsRangeTakesInTheSpreadOfTheCoarserGroup() {
        var outlook = new DurationOutlook(List.of(DurationDistribution.of(100, 100, 100, 100, 100), WIDE), 3, 3600);

        assertThat(outlook.remainingQuantile(0.1, 0)).as("the group alone: no spread").isBetween(95.0, 105.0);
        assertThat(outlook.remainingQuantile(0.9, 0)).isBetween(95.0, 105.0);
        assertThat(outlook.rangeQuantile(0.1, 0)).as("5 of 25: the coarser group weighs 80%").isLessThan(40.0);
        assertThat(outlook.rangeQuantile(0.9, 0)).isGreaterThan(2_500.0);
        assertThat(outlook.rangeQuantile(0.5, 0)).as("the median stays near the group's").isBetween(95.0, 105.0);
    }

    @Test
    void aGroupThatHasSeenMuchKeepsItsOwnRange() {
        long[] many = new long[1_000];
        Arrays.fill(many, 100);
        var outlook = new DurationOutlook(List.of(DurationDistribution.of(many), WIDE), 3, 3600);

        assertThat(outlook.rangeQuantile(0.1, 0)).isBetween(95.0, 105.0);
        assertThat(outlook.rangeQuantile(0.9, 0)).isBetween(95.0, 105.0);
    }

    @Test
    void withoutAGroupTheRangeFallsBackAsTheQuantilesDo() {
        var outlook = new DurationOutlook(List.of(), 3, 3600);

        assertThat(outlook.rangeQuantile(0.9, 0)).isEqualTo(outlook.remainingQuantile(0.9, 0));
        assertThat(outlook.rangeQuantile(0.9, 500)).isEqualTo(outlook.remainingQuantile(0.9, 500));
    }
}
