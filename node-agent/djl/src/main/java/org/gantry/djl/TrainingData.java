package org.gantry.djl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.gantry.api.dataset.DatasetException;
import org.gantry.api.dataset.NumericDataset;

/**
 * A dataset made ready for training: rows with a missing value dropped, a seeded split into
 * training and validation rows, the preprocessing fitted on the training rows only (the
 * validation rows must not leak into it), and both splits scaled into flat float arrays.
 *
 * @param trainX      the scaled training features, row-major, {@code features} per row
 * @param trainY      the scaled training targets
 * @param validationX the scaled validation features
 * @param validationY the validation targets in the target's own units (metrics are reported in them)
 * @param dropped     rows left out for a missing value
 * @param fingerprint the data and the settings that shape the run: a checkpoint is resumed only by
 *                    a run with the same fingerprint
 */
record TrainingData(Preprocessing preprocessing, float[] trainX, float[] trainY, float[] validationX,
                    double[] validationY, int dropped, String fingerprint) {

    static TrainingData prepare(NumericDataset dataset, TrainingConfig config) {
        int targetColumn = dataset.header().targetIndex(config.target());
        List<String> features = dataset.header().featuresWithout(config.target());
        int[] featureColumns = new int[features.size()];
        for (int f = 0; f < featureColumns.length; f++) {
            featureColumns[f] = dataset.header().indexOf(features.get(f));
        }

        List<double[]> complete = new ArrayList<>(dataset.rows().size());
        for (double[] row : dataset.rows()) {
            if (!hasMissing(row)) {
                complete.add(row);
            }
        }
        int dropped = dataset.rows().size() - complete.size();
        int validationRows = (int) Math.round(complete.size() * config.validationSplit());
        if (complete.size() < 2 || validationRows < 1 || validationRows >= complete.size()) {
            throw DatasetException.ofFile(complete.size() + " complete rows (" + dropped
                    + " dropped for missing values): too few to split " + config.validationSplit()
                    + " of them off for validation and train on the rest");
        }

        // The split depends on the seed and the data only, so a resumed run holds out the same rows.
        List<double[]> shuffled = new ArrayList<>(complete);
        Collections.shuffle(shuffled, new Random(config.seed()));
        List<double[]> validation = shuffled.subList(0, validationRows);
        List<double[]> training = shuffled.subList(validationRows, shuffled.size());

        List<FeatureScaling> scalings = new ArrayList<>();
        for (int f = 0; f < featureColumns.length; f++) {
            scalings.add(FeatureScaling.fit(features.get(f), column(training, featureColumns[f])));
        }
        Preprocessing preprocessing = new Preprocessing(scalings,
                TargetScaling.fit(config.target(), column(training, targetColumn)));

        float[] trainY = new float[training.size()];
        for (int r = 0; r < trainY.length; r++) {
            trainY[r] = (float) preprocessing.target().scale(training.get(r)[targetColumn]);
        }
        return new TrainingData(preprocessing, scaled(training, featureColumns, preprocessing), trainY,
                scaled(validation, featureColumns, preprocessing), column(validation, targetColumn), dropped,
                fingerprint(dataset, complete, config));
    }

    int features() {
        return preprocessing.features().size();
    }

    int trainingRows() {
        return trainY.length;
    }

    int validationRows() {
        return validationY.length;
    }

    private static boolean hasMissing(double[] row) {
        for (double v : row) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static double[] column(List<double[]> rows, int column) {
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = rows.get(r)[column];
        }
        return values;
    }

    private static float[] scaled(List<double[]> rows, int[] featureColumns, Preprocessing preprocessing) {
        float[] out = new float[rows.size() * featureColumns.length];
        double[] raw = new double[featureColumns.length];
        for (int r = 0; r < rows.size(); r++) {
            for (int f = 0; f < featureColumns.length; f++) {
                raw[f] = rows.get(r)[featureColumns[f]];
            }
            preprocessing.scaleInto(raw, out, r * featureColumns.length);
        }
        return out;
    }

    /** Everything but the epoch count: asking a finished run for more epochs continues it. */
    private static String fingerprint(NumericDataset dataset, List<double[]> complete, TrainingConfig config) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        String settings = String.join("\u0000", dataset.header().columns()) + "\u0001" + config.target() + "\u0001"
                + config.hiddenLayers() + "\u0001" + config.learningRate() + "\u0001" + config.batchSize() + "\u0001"
                + config.validationSplit() + "\u0001" + config.seed();
        digest.update(settings.getBytes(StandardCharsets.UTF_8));
        ByteBuffer buffer = ByteBuffer.allocate(Double.BYTES * dataset.header().size());
        for (double[] row : complete) {
            buffer.clear();
            for (double v : row) {
                buffer.putDouble(v);
            }
            digest.update(buffer.array());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
