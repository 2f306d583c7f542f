package org.gantry.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model as serving loads it: trained for real once, then asked for predictions. */
class TrainedModelTest {
    @TempDir
    static Path dir;
    static TrainedModel model;

    @BeforeAll
    static void train() throws Exception {
        Path data = RegressionCsv.write(dir.resolve("train.csv"), 4_000, 0.02, 11);
        TrainingRuns.train(TrainingRuns.config(dir, data, 12));
        model = TrainedModel.load(dir.resolve("model"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void predictsUnseenRowsInTheTargetsUnits() {
        Random random = new Random(99);
        List<Map<String, Double>> rows = new ArrayList<>();
        List<Double> truth = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        for (int r = 0; r < 1_000; r++) {
            Map<String, Double> row = new HashMap<>();
            double y = RegressionCsv.INTERCEPT;
            for (int f = 0; f < RegressionCsv.WEIGHTS.length; f++) {
                double z = random.nextGaussian();
                row.put("x" + (f + 1), RegressionCsv.OFFSETS[f] + RegressionCsv.SCALES[f] * z);
                y += RegressionCsv.WEIGHTS[f] * z;
            }
            rows.add(row);
            truth.add(y); // without noise: what the model should recover
            observed.add(y + RegressionCsv.NOISE_SIGMA * random.nextGaussian());
        }

        double[] predicted = model.predict(rows);

        double fromTruth = 0;
        double fromObserved = 0;
        for (int r = 0; r < predicted.length; r++) {
            fromTruth += Math.abs(predicted[r] - truth.get(r));
            fromObserved += Math.abs(predicted[r] - observed.get(r));
        }
        // y has a standard deviation of about 7.6: the mean alone would be off by about 6.
        assertThat(fromTruth / predicted.length).isLessThan(0.75);
        // The saved preprocessing does what training did: unseen rows fare as the validation rows did.
        assertThat(fromObserved / predicted.length).isCloseTo(model.card().metrics().validationMae(),
                within(0.15 * model.card().metrics().validationMae()));
    }

    @Test
    void aBatchPredictsWhatItsRowsPredictOneByOne() {
        List<Map<String, Double>> rows = randomRows(new Random(1), 50);
        double[] batch = model.predict(rows);
        for (int r = 0; r < rows.size(); r++) {
            assertThat(model.predict(List.of(rows.get(r)))[0]).isCloseTo(batch[r],
                    within(1e-4 * Math.max(1, Math.abs(batch[r]))));
        }
        assertThat(model.predict(List.of())).isEmpty();
    }

    @Test
    void acceptsAnyFiniteNumberType() {
        Map<String, Object> row = new LinkedHashMap<>(randomRows(new Random(2), 1).get(0));
        double expected = model.predict(List.of(row))[0];
        row.put("x1", ((Double) row.get("x1")).floatValue());
        row.put("x2", (int) Math.round((Double) row.get("x2")));
        row.put("x3", new java.math.BigDecimal(row.get("x3").toString()));
        assertThat(model.predict(List.of(row))[0]).isCloseTo(expected,
                within(Math.abs(expected) * 0.05 + 0.5));
    }

    @Test
    void refusesRowsWithMissingUnknownOrNonNumericFeaturesNamingEach() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Double> row : randomRows(new Random(3), 4)) {
            rows.add(new HashMap<>(row));
        }
        rows.get(0).remove("x3");
        rows.get(1).put("x9", 1.0);
        rows.get(2).put("x5", "12.5");
        rows.get(3).put("x8", Double.NaN);
        rows.get(3).put("x7", null);

        PredictionInputException e = catchThrowableOfType(PredictionInputException.class, () -> model.predict(rows));

        assertThat(e.problems()).extracting(p -> p.row() + ":" + p.feature()).containsExactly(
                "0:x3", "1:x9", "2:x5", "3:x7", "3:x8");
        assertThat(e.getMessage()).contains("rows[0].x3: missing", "rows[1].x9: unknown feature (the model reads x1,",
                "rows[2].x5: must be a number, got the string \"12.5\"", "rows[3].x7: must be a number, got null",
                "rows[3].x8: must be a finite number, got NaN");
    }

    @Test
    void capsTheProblemsItLists() {
        List<Map<String, Double>> rows = new ArrayList<>();
        for (int r = 0; r < 30; r++) {
            rows.add(Map.of("x1", 1.0));
        }
        PredictionInputException e = catchThrowableOfType(PredictionInputException.class, () -> model.predict(rows));
        assertThat(e.problems()).hasSize(PredictionInputException.SHOWN);
        assertThat(e.getMessage()).endsWith("; and " + (30 * 7 - PredictionInputException.SHOWN) + " more");
    }

    @Test
    void answersManyThreadsAtOnceAsItAnswersOne() throws Exception {
        List<List<Map<String, Double>>> batches = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        Random random = new Random(4);
        for (int b = 0; b < 64; b++) {
            List<Map<String, Double>> rows = randomRows(random, 1 + random.nextInt(40));
            batches.add(rows);
            expected.add(model.predict(rows));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[]>> answers = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (List<Map<String, Double>> rows : batches) {
                    answers.add(pool.submit(() -> model.predict(rows)));
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                // Equal up to float32 rounding: kernels may sum in another order on another thread.
                assertThat(answers.get(i).get()).containsExactly(expected.get(i % batches.size()), within(1e-4));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadingADirectoryWithoutAModelSaysSo() {
        assertThatThrownBy(() -> TrainedModel.load(dir.resolve("nothing-here")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("model.json is missing");
    }

    private static List<Map<String, Double>> randomRows(Random random, int count) {
        List<Map<String, Double>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            Map<String, Double> row = new HashMap<>();
            for (int f = 0; f < RegressionCsv.WEIGHTS.length; f++) {
                row.put("x" + (f + 1), RegressionCsv.OFFSETS[f] + RegressionCsv.SCALES[f] * random.nextGaussian());
            }
            rows.add(row);
        }
        return rows;
    }
}
