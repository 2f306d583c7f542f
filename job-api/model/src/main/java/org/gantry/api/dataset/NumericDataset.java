package org.gantry.api.dataset;

import java.util.List;

/**
 * A whole dataset in memory: the header and every data row in file order, each row one value per
 * column with {@code NaN} where the file had a missing value. The rows are shared, not copied:
 * treat them as read-only.
 */
public record NumericDataset(CsvHeader header, List<double[]> rows) {
    public NumericDataset {
        rows = List.copyOf(rows);
    }
}
