package org.gantry.djl;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The seed pipeline's test data: {@code y = b + Σ wᵢ·xᵢ + ε}, ε ~ N(0, σ²), features of different
 * scales and offsets (so preprocessing matters), and a share of rows missing one value (a feature
 * or the target) written as an empty cell or {@code NA}.
 */
final class RegressionCsv {
    static final double[] WEIGHTS = {3.0, -2.0, 0.5, 1.5, -0.75, 4.0, -3.5, 2.5};
    static final double INTERCEPT = 10;
    static final double[] SCALES = {1, 10, 0.1, 5, 100, 2, 0.5, 20};
    static final double[] OFFSETS = {0, 50, -3, 10, 1000, -20, 7, 0};
    static final double NOISE_SIGMA = 0.5;

    private RegressionCsv() {}

    /** The mean absolute value of the noise alone: what a perfect model's MAE tends to, σ·√(2/π). */
    static double noiseMae() {
        return NOISE_SIGMA * Math.sqrt(2 / Math.PI);
    }

    static Path write(Path file, int rows, double missingShare, long seed) throws IOException {
        Random random = new Random(seed);
        int features = WEIGHTS.length;
        try (Writer out = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder();
            for (int f = 0; f < features; f++) {
                header.append('x').append(f + 1).append(',');
            }
            out.write(header.append("y\n").toString());
            double[] x = new double[features];
            for (int r = 0; r < rows; r++) {
                double y = INTERCEPT;
                for (int f = 0; f < features; f++) {
                    // the weight applies to the standardised feature, so each carries a comparable signal
                    double z = random.nextGaussian();
                    x[f] = OFFSETS[f] + SCALES[f] * z;
                    y += WEIGHTS[f] * z;
                }
                y += NOISE_SIGMA * random.nextGaussian();
                int missing = random.nextDouble() < missingShare ? random.nextInt(features + 1) : -1;
                StringBuilder line = new StringBuilder();
                for (int f = 0; f <= features; f++) {
                    if (f == missing) {
                        line.append(random.nextBoolean() ? "" : "NA");
                    } else {
                        line.append(f < features ? x[f] : y);
                    }
                    line.append(f < features ? ',' : '\n');
                }
                out.write(line.toString());
            }
        }
        return file;
    }
}
