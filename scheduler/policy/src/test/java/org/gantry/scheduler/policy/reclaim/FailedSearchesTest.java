package org.gantry.scheduler.policy.reclaim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A failed search covers later jobs of its kind that are no smaller and claim no more, and only those. */
class FailedSearchesTest {
    @ParameterizedTest(name = "failed: claims ({0}, {1}) at {2} GPUs; asked {3}: ({4}, {5}) at {6} GPUs -> known {7}")
    @CsvSource({
            "-4, 0, 2, a, -4, 0, 2, true",   // the same job again
            "-4, 0, 2, a, -8, 0, 2, true",   // a weaker claim (larger rank)
            "-4, 0, 2, a, -4, 0, 8, true",   // larger
            "-4, 0, 2, a, -8, -1, 8, true",  // weaker under every rule, and larger
            "-4, 0, 2, a, -2, 0, 2, false",  // a stronger claim: it may be allowed more victims
            "-4, 0, 2, a, -8, 1, 2, false",  // stronger under one rule, weaker under the other
            "-4, 0, 2, a, -4, 0, 1, false",  // smaller: it may fit where the failed one did not
            "-4, 0, 2, b, -4, 0, 2, false",  // another kind (tenant, constraints, guarantee)
    })
    void coversNoBetterPlacedJobsOfItsKind(double claim1, double claim2, int gpus, String kind, double asked1,
                                           double asked2, int askedGpus, boolean known) {
        var failed = new FailedSearches();
        failed.add("a", new double[] {claim1, claim2}, gpus);

        assertThat(failed.known(kind, new double[] {asked1, asked2}, askedGpus)).isEqualTo(known);
    }

    @ParameterizedTest(name = "after failing at ({0}, {1}): known ({2}, {3}) -> {4}")
    @CsvSource({
            "-4, 4, -4, 4, true",
            "-2, 8, -2, 8, true",
            "-4, 4, -2, 4, false", // stronger than the first, smaller than the second
            "-2, 8, -1, 8, false", // stronger than both
    })
    void keepsEveryFailureThatNoOtherCovers(double claim, int gpus, double askedClaim, int askedGpus,
                                            boolean known) {
        var failed = new FailedSearches();
        failed.add("a", new double[] {-4}, 4);
        failed.add("a", new double[] {-2}, 8); // covers neither way: both are kept

        assertThat(failed.known("a", new double[] {claim}, gpus)).isTrue();
        assertThat(failed.known("a", new double[] {askedClaim}, askedGpus)).isEqualTo(known);
    }
}
