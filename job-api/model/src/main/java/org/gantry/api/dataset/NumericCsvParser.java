package org.gantry.api.dataset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a numeric CSV one line at a time, pushed by the caller: the shape a streaming upload
 * has (frame the bytes into lines, feed each, then {@link #finish}), and what
 * {@link NumericCsvReader} pulls through. It keeps only the header and counters, so a file of any
 * size validates in constant memory. The first problem ends the read with a
 * {@link DatasetException} naming its line and column. One instance per file; not thread-safe.
 */
public final class NumericCsvParser {
    private static final char BOM = '\uFEFF';

    private CsvHeader header;
    private long line;
    private long rows;
    private long rowsWithMissing;

    /**
     * Takes the next physical line, without its {@code \n} (a trailing {@code \r} is dropped).
     *
     * @return the row's values in header order ({@code NaN} where missing), or null for the header
     *         and for blank lines
     */
    public double[] accept(String text) {
        line++;
        if (line == 1 && !text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) == '\r') {
            text = text.substring(0, text.length() - 1);
        }
        refuseControlCharacters(text);
        if (text.isBlank()) {
            return null;
        }
        List<String> cells = CsvLine.split(text, line);
        if (header == null) {
            header = readHeader(cells);
            return null;
        }
        if (cells.size() != header.size()) {
            throw DatasetException.ofLine(line, "has " + cells.size() + (cells.size() == 1 ? " cell" : " cells")
                    + ", the header has " + header.size() + " columns");
        }
        double[] values = new double[cells.size()];
        boolean missing = false;
        for (int c = 0; c < values.length; c++) {
            values[c] = NumericCell.parse(cells.get(c), line, c + 1, header.columns().get(c));
            missing |= Double.isNaN(values[c]);
        }
        rows++;
        if (missing) {
            rowsWithMissing++;
        }
        return values;
    }

    /** The header, once its line was read. */
    public Optional<CsvHeader> header() {
        return Optional.ofNullable(header);
    }

    /** Lines taken so far, blank ones and the header included. */
    public long lines() {
        return line;
    }

    /** Checks the file as a whole once every line was fed: a header and at least one row. */
    public DatasetSummary finish() {
        if (header == null) {
            throw DatasetException.ofFile("the file is empty: expected a header line naming the columns");
        }
        if (rows == 0) {
            throw DatasetException.ofFile("the file has a header but no data rows");
        }
        return new DatasetSummary(header, rows, rowsWithMissing);
    }

    /** As {@link #finish()}, and checks that {@code target} is a column with features beside it. */
    public DatasetSummary finish(String target) {
        DatasetSummary summary = finish();
        summary.header().targetIndex(target);
        return summary;
    }

    private CsvHeader readHeader(List<String> cells) {
        if (cells.stream().allMatch(NumericCell::looksLikeData)) {
            throw DatasetException.ofLine(line,
                    "no header: the first line holds only numbers or missing values, it must name the columns");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c);
            if (name.isBlank()) {
                throw new DatasetException(line, c + 1, null, "the header gives this column no name");
            }
            Integer first = seen.putIfAbsent(name, c + 1);
            if (first != null) {
                throw new DatasetException(line, c + 1, name, "the header repeats the name of column " + first);
            }
        }
        if (cells.size() == 1) {
            refuseOtherSeparators(cells.get(0));
        }
        return new CsvHeader(cells);
    }

    /** A one-column header holding a tab or a semicolon is a file in another dialect: say so now. */
    private void refuseOtherSeparators(String only) {
        for (char separator : new char[] {'\t', ';', '|'}) {
            if (only.indexOf(separator) >= 0) {
                String name = separator == '\t' ? "tab" : "'" + separator + "'";
                throw DatasetException.ofLine(line, "the header is one column holding a " + name
                        + ": the file looks " + name + "-separated, but datasets are comma-separated");
            }
        }
    }

    private void refuseControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw DatasetException.ofLine(line, String.format(
                        "not CSV text: control character U+%04X at character %d (a binary file?)", (int) c, i + 1));
            }
        }
    }
}
