package org.gantry.tests.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A regression CSV for {@code djl-train} jobs: y linear in 8 features plus Gaussian noise, each
 * feature on its own scale and offset, a share of rows missing one cell. Tests that train know
 * the truth (the weights, the noise) and can judge the model against it.
 */
public final class RegressionCsv {
    public static final double NOISE_SIGMA = 0.5;
    public static final double[] WEIGHTS = {3.0, -2.0, 0.5, 1.5, -0.75, 4.0, -3.5, 2.5};
    public static final double[] SCALES = {1, 10, 0.1, 5, 100, 2, 0.5, 20};
    public static final double[] OFFSETS = {0, 50, -3, 10, 1000, -20, 7, 0};
    public static final double INTERCEPT = 10;

    private RegressionCsv() {}

    /** y = intercept + Σ w·z + noise, each x = offset + scale·z; {@code missingShare} of rows lose one cell. */
    public static Path write(Path file, int rows, double missingShare, long seed) throws IOException {
        Random random = new Random(seed);
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("x1,x2,x3,x4,x5,x6,x7,x8,y\n");
            for (int r = 0; r < rows; r++) {
                double[] cells = new double[WEIGHTS.length + 1];
                double y = INTERCEPT;
                for (int f = 0; f < WEIGHTS.length; f++) {
                    double z = random.nextGaussian();
                    cells[f] = OFFSETS[f] + SCALES[f] * z;
                    y += WEIGHTS[f] * z;
                }
                cells[WEIGHTS.length] = y + NOISE_SIGMA * random.nextGaussian();
                int missing = random.nextDouble() < missingShare ? random.nextInt(cells.length) : -1;
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < cells.length; c++) {
                    line.append(c == 0 ? "" : ",").append(c == missing ? "" : Double.toString(cells[c]));
                }
                out.write(line.append('\n').toString());
            }
        }
        return file;
    }
}
