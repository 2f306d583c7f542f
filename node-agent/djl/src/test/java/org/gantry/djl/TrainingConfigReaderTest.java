package org.gantry.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violation;
import org.junit.jupiter.api.Test;

class TrainingConfigReaderTest {
    private static final String REQUIRED = "\"dataset\": \"/data/houses.csv\", \"target\": \"price\","
            + " \"checkpointDir\": \"/ckpt\", \"modelDir\": \"/models/houses\"";

    @Test
    void absentSettingsTakeTheWorkloadsDefaults() {
        TrainingConfig config = TrainingConfigReader.read("{" + REQUIRED + "}").orThrow();

        assertThat(config).isEqualTo(new TrainingConfig(Path.of("/data/houses.csv"), "price", List.of(32, 16), 0.001,
                100, 32, 0.2, 42, Path.of("/ckpt"), Path.of("/models/houses")));
    }

    @Test
    void readsEverySetting() {
        TrainingConfig config = TrainingConfigReader.read("{" + REQUIRED + ", \"hiddenLayers\": [64, 64, 8],"
                + " \"learningRate\": 0.01, \"epochs\": 7, \"batchSize\": 128, \"validationSplit\": 0.1,"
                + " \"seed\": -3}").orThrow();

        assertThat(config.hiddenLayers()).containsExactly(64, 64, 8);
        assertThat(config.learningRate()).isEqualTo(0.01);
        assertThat(config.epochs()).isEqualTo(7);
        assertThat(config.batchSize()).isEqualTo(128);
        assertThat(config.validationSplit()).isEqualTo(0.1);
        assertThat(config.seed()).isEqualTo(-3);
        assertThat(TrainingConfigReader.read("{" + REQUIRED + ", \"hiddenLayers\": []}").orThrow().hiddenLayers())
                .as("no hidden layer: a linear model").isEmpty();
    }

    @Test
    void reportsEveryProblemAtItsPath() {
        ReadResult<TrainingConfig> read = TrainingConfigReader.read("{\"target\": \"\", \"hiddenLayers\": [32, 0, \"x\"],"
                + " \"learningRate\": 0, \"epochs\": 0, \"batchSize\": 1.5, \"validationSplit\": 1, \"seed\": \"s\","
                + " \"learningrate\": 0.1}");

        assertThat(read.violations()).extracting(Violation::path).containsExactlyInAnyOrder("$.learningrate",
                "$.dataset", "$.target", "$.checkpointDir", "$.modelDir", "$.hiddenLayers[1]", "$.hiddenLayers[2]",
                "$.learningRate", "$.epochs", "$.batchSize", "$.validationSplit", "$.seed");
        assertThat(read.violations()).contains(new Violation("$.epochs", "must be an integer in [1, 100000], got 0"),
                new Violation("$.dataset", "is required"));
        assertThat(read.violations().get(0).message()).startsWith("unknown field (known: batchSize, checkpointDir,");
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertThat(TrainingConfigReader.read("[1]").violations()).containsExactly(new Violation("$", "must be a JSON object"));
        assertThat(TrainingConfigReader.read("{\"epochs\": ").violations().get(0).message()).startsWith("not valid JSON");
    }
}
