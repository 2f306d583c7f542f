package org.gantry.scheduler.predict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bound on a predictor's groups: the least recently used goes, the ones every job uses stay. */
class SimilarityGroupsTest {

    @Test
    void aNewGroupPastTheCapPushesOutTheLeastRecentlyUsedOne() {
        var groups = new SimilarityGroups(3, 10);
        groups.add("a", 10);
        groups.add("b", 20);
        groups.add("c", 30);
        assertThat(groups.get("a")).isNotNull(); // asked about: now the most recently used
        groups.add("d", 40);
        assertThat(groups.size()).isEqualTo(3);
        assertThat(groups.get("b")).as("least recently used").isNull();
        assertThat(groups.get("a").size()).isEqualTo(1);
        assertThat(groups.get("c")).isNotNull();
        assertThat(groups.get("d")).isNotNull();
    }

    @Test
    void distinctNamesBeyondTheCapLeaveTheCoarseGroupsAndTheirAnswers() {
        var predictor = new HistoryPredictor(0.5, 3, 200, 3600);
        var distributions = new DistributionPredictor(5, 3, 1_000, 3600);
        var recurring = new JobFeatures("lab", "nightly", 1);
        for (int i = 0; i < 3 * SimilarityGroups.DEFAULT_CAPACITY; i++) {
            var oneOff = new JobFeatures("lab", "run-" + i, 1); // a new name each time, as generated histories have
            predictor.observe(oneOff, 600);
            distributions.observe(oneOff, 600);
            if (i % 100 == 0) {
                predictor.observe(recurring, 60);
                distributions.observe(recurring, 60);
            }
        }
        // The recurring name was used every 100 jobs, so it was never the least recently used.
        assertThat(predictor.predictSeconds(recurring)).isBetween(55L, 65L);
        assertThat(distributions.predictSeconds(recurring)).isBetween(55L, 65L);
        // A name pushed out falls back to its tenant's and GPU count's groups, which every job kept fresh.
        var forgotten = new JobFeatures("lab", "run-0", 1);
        assertThat(predictor.predictSeconds(forgotten)).isBetween(570L, 630L);
        assertThat(distributions.outlook(forgotten).levels()).hasSize(3);
    }

    @Test
    void aHistogramGrowsItsWindowAsSamplesComeAndStillSlidesAtTheEnd() {
        var histogram = new LogHistogram(100);
        for (int i = 0; i < 100; i++) {
            histogram.add(10);
        }
        assertThat(histogram.quantile(0.5)).isBetween(9L, 11L);
        for (int i = 0; i < 51; i++) {
            histogram.add(1_000);
        }
        assertThat(histogram.size()).isEqualTo(100);
        assertThat(histogram.quantile(0.5)).as("the 51 newest of 100 are 1,000 s").isBetween(950L, 1050L);
        for (int i = 0; i < 49; i++) {
            histogram.add(1_000);
        }
        assertThat(histogram.quantile(0.01)).as("every 10 s sample slid out").isBetween(950L, 1050L);
    }
}
