package org.gantry.scheduler.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Gittins rank pinned on a small distribution worked out by hand. */
class GittinsIndexTest {
    /** Samples count at their bin's geometric middle: 8 bins per doubling. */
    private static double middleOf(long seconds) {
        int bin = (int) Math.floor(Math.log(seconds) / Math.log(2) * 8);
        return Math.pow(2, (bin + 0.5) / 8);
    }

    @Test
    void aFreshJobIsRankedByItsLikelyShortFinish() {
        // two of three similar jobs ran ~100 s, one ~10,000 s. Stopping at ~100 s costs
        // (2·m1 + 1·m1) / 3 expected seconds for a 2/3 chance: 1.5·m1; running to the end costs
        // (2·m1 + m2) / 3 for certainty, far more. So the rank is 1.5·m1.
        var outlook = DurationOutlook.of(DurationDistribution.of(100, 100, 10_000));
        double m1 = middleOf(100);
        assertThat(outlook.gittinsRank(0)).isCloseTo(1.5 * m1, within(1e-9));
        // over GPU-time a 4-GPU job's rank is four times as large, at the same duration stage
        assertThat(outlook.gittinsGpuRank(0, 4)).isCloseTo(4 * 1.5 * m1, within(1e-9));
    }

    @Test
    void aJobThatOutlivedTheShortOnesSinks() {
        var distribution = DurationDistribution.of(100, 100, 10_000);
        var outlook = DurationOutlook.of(distribution);
        // past ~100 s only the long sample is left: the rank is what remains of it, from the edge of
        // the bin the elapsed time is in (ranks change only at bin edges)
        int stage = DurationDistribution.stageOf(200);
        double expected = middleOf(10_000) - DurationDistribution.elapsedAt(stage);
        assertThat(outlook.gittinsRank(200)).isCloseTo(expected, within(1e-9));
        assertThat(outlook.gittinsRank(201)).isEqualTo(outlook.gittinsRank(200));
        assertThat(outlook.gittinsRank(200)).isGreaterThan(outlook.gittinsRank(0));
    }

    @Test
    void aJobPastEverySampleIsTakenToRunAsLongAgain() {
        var outlook = DurationOutlook.of(DurationDistribution.of(100, 100, 10_000));
        int stage = DurationDistribution.stageOf(50_000);
        assertThat(outlook.gittinsRank(50_000)).isEqualTo(DurationDistribution.elapsedAt(stage));
    }

    @Test
    void conditionalQuantilesLookOnlyAtLongerJobs() {
        var distribution = DurationDistribution.of(10, 20, 40, 1_000, 2_000);
        assertThat(distribution.remainingQuantile(0.5, 0)).isCloseTo(middleOf(40), within(1e-9));
        int stage = DurationDistribution.stageOf(100);
        assertThat(distribution.remainingQuantile(0.5, stage))
                .isCloseTo(middleOf(1_000) - DurationDistribution.elapsedAt(stage), within(1e-9));
        assertThat(distribution.remainingQuantile(0.5, DurationDistribution.stageOf(5_000))).isEqualTo(-1);
    }

    /** The rank an outlook remembers answers only the question it was worked out for. */
    @Test
    void anOutlookAskedAtOneStageThenAnotherAnswersEachAsAFreshOneWould() {
        var distribution = DurationDistribution.of(100, 100, 10_000);
        var asked = DurationOutlook.of(distribution);
        double[] elapsed = {0, 0, 200, 201, 0, 5_000, 200, 0};
        for (double seconds : elapsed) {
            assertThat(asked.gittinsRank(seconds)).as("at %s s", seconds)
                    .isEqualTo(DurationOutlook.of(distribution).gittinsRank(seconds));
        }
        assertThat(asked).as("what it remembers is not part of what it is").isEqualTo(DurationOutlook.of(distribution))
                .hasSameHashCodeAs(DurationOutlook.of(distribution));
    }
}
