package org.gantry.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    @Test
    void aProgressLineRoundTrips() {
        TrainingProgress progress = new TrainingProgress(3, 100, 0.25, 1.5, 0.98);

        String line = progress.toLine();

        assertThat(line).isEqualTo("GANTRY_PROGRESS {\"epoch\":3,\"epochs\":100,\"trainLoss\":0.25,"
                + "\"validationMse\":1.5,\"validationMae\":0.98}");
        assertThat(TrainingProgress.fromLine(line)).contains(progress);
    }

    @Test
    void zeroErrorsSurviveTheRoundTrip() {
        TrainingProgress perfect = new TrainingProgress(1, 1, 0, 0, 0);
        assertThat(TrainingProgress.fromLine(perfect.toLine())).contains(perfect);
    }

    @Test
    void otherOutputIsNotProgress() {
        assertThat(TrainingProgress.fromLine("epoch 3 done")).isEmpty();
        assertThat(TrainingProgress.fromLine("")).isEmpty();
        assertThat(TrainingProgress.fromLine(" GANTRY_PROGRESS {}")).isEmpty();
    }

    @Test
    void aBrokenProgressLineSaysWhatIsWrong() {
        assertThatThrownBy(() -> TrainingProgress.fromLine("GANTRY_PROGRESS {\"epoch\":"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed body");
        assertThatThrownBy(() -> TrainingProgress.fromLine("GANTRY_PROGRESS {\"epoch\":5,\"epochs\":3,"
                + "\"trainLoss\":1,\"validationMse\":1,\"validationMae\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epoch must be in [1, 3], got 5");
        assertThatThrownBy(() -> TrainingProgress.fromLine("GANTRY_PROGRESS {\"epoch\":1,\"epochs\":3,"
                + "\"trainLoss\":1,\"validationMse\":1,\"validationMae\":1,\"extra\":2}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra");
    }

    @Test
    void refusesValuesNoEpochCanHave() {
        assertThatThrownBy(() -> new TrainingProgress(1, 10, Double.NaN, 1, 1))
                .hasMessageContaining("trainLoss must be a finite non-negative number, got NaN");
        assertThatThrownBy(() -> new TrainingProgress(0, 10, 1, 1, 1)).hasMessageContaining("epoch must be in");
    }
}
