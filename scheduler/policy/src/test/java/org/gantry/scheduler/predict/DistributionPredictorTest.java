package org.gantry.scheduler.predict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistributionPredictorTest {
    private static final JobFeatures TRAIN = new JobFeatures("a", "train", 4);

    @Test
    void beforeAnythingFinishedItPredictsTheDefault() {
        var predictor = new DistributionPredictor(2, 1, 100, 3600);
        assertThat(predictor.predictSeconds(TRAIN)).isEqualTo(3600);
        assertThat(predictor.outlook(TRAIN).levels()).isEmpty();
    }

    @Test
    void itLearnsOnlyFromWhatItWasToldFinished() {
        var predictor = new DistributionPredictor(2, 1, 100, 3600);
        DurationOutlook before = predictor.outlook(TRAIN);
        predictor.observe(TRAIN, 100);
        predictor.observe(TRAIN, 100);
        assertThat(predictor.predictSeconds(TRAIN)).isBetween(95L, 105L);
        // an outlook handed out earlier is a snapshot: it does not see later finishes
        assertThat(before.gittinsRank(0)).isEqualTo(3600);
        DurationOutlook after = predictor.outlook(TRAIN);
        predictor.observe(TRAIN, 100_000);
        assertThat(after.levels().get(0).size()).isEqualTo(2);
    }

    @Test
    void anUntrustedGroupFallsBackToCoarserOnes() {
        var predictor = new DistributionPredictor(3, 1, 100, 3600);
        for (int i = 0; i < 3; i++) {
            predictor.observe(new JobFeatures("b", "other", 4), 1_000);
        }
        predictor.observe(TRAIN, 10); // one sample: tenant a's groups are not trusted yet
        // the GPU-count group (4 jobs of 4 GPUs) answers
        assertThat(predictor.outlook(TRAIN).levels()).hasSize(2);
        assertThat(predictor.predictSeconds(TRAIN)).isBetween(950L, 1050L);
        // a job of a GPU count never seen falls back to all jobs
        assertThat(predictor.predictSeconds(new JobFeatures("c", "x", 1))).isBetween(950L, 1050L);
    }

    @Test
    void theRemainingTimeIsConditionalOnWhatTheJobHasRun() {
        var predictor = new DistributionPredictor(1, 1, 100, 3600);
        for (long seconds : new long[] {60, 60, 60, 60, 7_200}) {
            predictor.observe(TRAIN, seconds);
        }
        assertThat(predictor.predictSeconds(TRAIN)).isBetween(55L, 65L);
        // having run 10 minutes, it is one of the long ones: about 7,200 s in all
        long remaining = predictor.predictRemainingSeconds(TRAIN, 600);
        assertThat(600 + remaining).isBetween(6_800L, 7_600L);
        // past everything seen: as long again
        assertThat(predictor.predictRemainingSeconds(TRAIN, 20_000)).isBetween(20_000L, 23_000L);
    }
}
