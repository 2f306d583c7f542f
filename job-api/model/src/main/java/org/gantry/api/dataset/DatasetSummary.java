package org.gantry.api.dataset;

/**
 * What validating a dataset found: its columns, its data rows (the header not counted) and how
 * many of those miss at least one value (training drops them).
 */
public record DatasetSummary(CsvHeader header, long rows, long rowsWithMissing) {}
