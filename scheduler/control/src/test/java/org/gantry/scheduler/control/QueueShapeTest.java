package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueShapeTest {
    @Test
    void countsUpToANodeAreExactThenRangesDouble() {
        assertThat(QueueShape.of(1)).isEqualTo("1");
        assertThat(QueueShape.of(8)).isEqualTo("8");
        assertThat(QueueShape.of(9)).isEqualTo("9-16");
        assertThat(QueueShape.of(16)).isEqualTo("9-16");
        assertThat(QueueShape.of(17)).isEqualTo("17-32");
        assertThat(QueueShape.of(32)).isEqualTo("17-32");
        assertThat(QueueShape.of(33)).isEqualTo("33-64");
        assertThat(QueueShape.of(64)).isEqualTo("33-64");
        assertThat(QueueShape.of(65)).isEqualTo("65+");
        assertThat(QueueShape.of(100_000)).isEqualTo("65+");
    }

    @Test
    void aPoolHasAtMostADozenShapes() {
        Set<String> shapes = new LinkedHashSet<>();
        for (int gpus = 1; gpus <= 4096; gpus++) {
            shapes.add(QueueShape.of(gpus));
        }
        assertThat(shapes).hasSize(12);
    }
}
