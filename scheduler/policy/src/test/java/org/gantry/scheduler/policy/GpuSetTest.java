package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GpuSetTest {

    /** Index lists written as "0 1 5", empty for none. */
    private static GpuSet set(String indices) {
        if (indices == null || indices.isBlank()) {
            return GpuSet.EMPTY;
        }
        return GpuSet.of(java.util.Arrays.stream(indices.trim().split(" ")).mapToInt(Integer::parseInt).toArray());
    }

    @ParameterizedTest(name = "firstN({0}) has {0} GPUs, bits {1}")
    @CsvSource({"0, 0", "1, 1", "4, 15", "8, 255", "63, 9223372036854775807", "64, -1"})
    void firstN(int count, long bits) {
        GpuSet first = GpuSet.firstN(count);

        assertThat(first.bits()).isEqualTo(bits);
        assertThat(first.size()).isEqualTo(count);
        for (int i = 0; i < 64; i++) {
            assertThat(first.contains(i)).as("contains %d", i).isEqualTo(i < count);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65})
    void firstNRejectsImpossibleNodeSizes(int count) {
        assertThatThrownBy(() -> GpuSet.firstN(count)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 64, 100})
    void ofRejectsIndicesOutsideTheMask(int index) {
        assertThatThrownBy(() -> GpuSet.of(index))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GPU index must be in [0, 63], got " + index);
    }

    @Test
    void ofIgnoresDuplicatesAndOrder() {
        assertThat(GpuSet.of(5, 1, 5, 0)).isEqualTo(GpuSet.of(0, 1, 5)).isEqualTo(GpuSet.of(List.of(1, 0, 5)));
        assertThat(GpuSet.of(0, 1, 5).bits()).isEqualTo(0b100011L);
        assertThat(GpuSet.of(63).bits()).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest(name = "{0} lowest {1} = [{2}], highest {1} = [{3}]")
    @CsvSource({
            "0 1 2 3 4 5 6 7, 3, 0 1 2,   5 6 7",
            "2 5 7,           2, 2 5,     5 7",
            "2 5 7,           0, '',      ''",
            "2 5 7,           3, 2 5 7,   2 5 7",
            "0 63,            1, 0,       63",
    })
    void lowestAndHighest(String indices, int count, String lowest, String highest) {
        GpuSet gpus = set(indices);

        assertThat(gpus.lowest(count)).isEqualTo(set(lowest));
        assertThat(gpus.highest(count)).isEqualTo(set(highest));
    }

    @Test
    void cannotTakeMoreThanTheSetHolds() {
        assertThatThrownBy(() -> GpuSet.of(1, 2).lowest(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot take 3 GPUs from [1, 2]");
    }

    @Test
    void highestAndLowestRefuseImpossibleCounts() {
        assertThatThrownBy(() -> GpuSet.of(2, 5, 7).highest(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GpuSet.of(2, 5, 7).lowest(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{0}] and [{1}]: union [{2}], minus [{3}], intersects {4}, containsAll {5}")
    @CsvSource({
            "0 1 2, 2 3,   0 1 2 3, 0 1,   true,  false",
            "0 1 2, 1 2,   0 1 2,   0,     true,  true",
            "0 1,   4 5,   0 1 4 5, 0 1,   false, false",
            "0 1,   '',    0 1,     0 1,   false, true",
            "'',    3,     3,       '',    false, false",
            "0 63,  63,    0 63,    0,     true,  true",
    })
    void setAlgebra(String a, String b, String union, String minus, boolean intersects, boolean containsAll) {
        GpuSet left = set(a);
        GpuSet right = set(b);

        assertThat(left.union(right)).isEqualTo(set(union));
        assertThat(left.minus(right)).isEqualTo(set(minus));
        assertThat(left.intersects(right)).isEqualTo(intersects);
        assertThat(left.containsAll(right)).isEqualTo(containsAll);
    }

    @Test
    void indicesAscendAndPrint() {
        GpuSet gpus = GpuSet.of(7, 0, 3, 63);

        assertThat(gpus.indices()).containsExactly(0, 3, 7, 63);
        assertThat(gpus).hasToString("[0, 3, 7, 63]");
        assertThat(GpuSet.EMPTY.indices()).isEmpty();
        assertThat(GpuSet.EMPTY.isEmpty()).isTrue();
        assertThat(gpus.isEmpty()).isFalse();
        assertThat(gpus.contains(-1)).isFalse();
        assertThat(gpus.contains(64)).isFalse();
    }
}
