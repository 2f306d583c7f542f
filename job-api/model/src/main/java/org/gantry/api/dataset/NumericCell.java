package org.gantry.api.dataset;

import java.util.regex.Pattern;

/**
 * Reads one cell as a number. Only plain decimal notation is a number ({@code 3}, {@code -0.5},
 * {@code 1e-3}): Java's {@code Double.parseDouble} would also take {@code 0x1p3}, {@code 1d} or
 * {@code Infinity}, which no other CSV reader agrees on. Missing values read as {@code NaN}.
 */
final class NumericCell {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private NumericCell() {}

    /** True for the spellings of a missing value: empty, {@code NA}, {@code NaN}. */
    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equals("NA") || cell.equals("NaN");
    }

    /** True for a cell a header would never hold: a number, or a missing value's spelling. */
    static boolean looksLikeData(String cell) {
        return isMissing(cell) || DECIMAL.matcher(cell).matches();
    }

    /** The cell's value, {@code NaN} when missing, or why it is not a number. */
    static double parse(String cell, long line, int column, String columnName) {
        if (isMissing(cell)) {
            return Double.NaN;
        }
        if (!DECIMAL.matcher(cell).matches()) {
            throw new DatasetException(line, column, columnName, Shown.quote(cell)
                    + " is not a number (expected a decimal like -1.5 or 2e3; empty, NA or NaN for a missing value)");
        }
        double value = Double.parseDouble(cell);
        if (Double.isInfinite(value)) {
            throw new DatasetException(line, column, columnName, Shown.quote(cell) + " is too large for a double");
        }
        return value;
    }
}
