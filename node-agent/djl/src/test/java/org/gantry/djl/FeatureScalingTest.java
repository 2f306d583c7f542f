package org.gantry.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureScalingTest {

    @Test
    void standardisesThenScalesTheFittedValuesIntoTheUnitInterval() {
        double[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        FeatureScaling scaling = FeatureScaling.fit("x", values);

        assertThat(scaling.mean()).isEqualTo(5);
        assertThat(scaling.std()).isEqualTo(2);
        assertThat(scaling.min()).isEqualTo(-1.5);
        assertThat(scaling.max()).isEqualTo(2);
        assertThat(scaling.apply(2)).isEqualTo(0);
        assertThat(scaling.apply(9)).isEqualTo(1);
        assertThat(scaling.apply(5)).isCloseTo(1.5 / 3.5, within(1e-12));
        assertThat(scaling.apply(16)).as("beyond the training range").isGreaterThan(1);
    }

    @Test
    void aConstantColumnScalesToZeroInsteadOfDividingByZero() {
        FeatureScaling scaling = FeatureScaling.fit("c", new double[] {3, 3, 3});

        assertThat(scaling.std()).isEqualTo(1);
        assertThat(scaling.apply(3)).isEqualTo(0);
        assertThat(scaling.apply(4)).isFinite();
    }

    @Test
    void theTargetRoundTripsThroughItsScaling() {
        TargetScaling target = TargetScaling.fit("y", new double[] {100, 200, 300});

        assertThat(target.scale(200)).isEqualTo(0);
        assertThat(target.unscale(target.scale(271.5))).isCloseTo(271.5, within(1e-9));
    }

    @Test
    void preprocessingScalesARowInFeatureOrder() {
        Preprocessing preprocessing = new Preprocessing(List.of(new FeatureScaling("a", 0, 1, -1, 1),
                new FeatureScaling("b", 10, 2, 0, 4)), new TargetScaling("y", 0, 1));
        float[] out = new float[5];

        preprocessing.scaleInto(new double[] {0, 14}, out, 3);

        assertThat(out).containsExactly(0, 0, 0, 0.5f, 0.5f);
        assertThat(preprocessing.featureNames()).containsExactly("a", "b");
    }
}
