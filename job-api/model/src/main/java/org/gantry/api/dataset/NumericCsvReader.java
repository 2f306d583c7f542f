package org.gantry.api.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Pulls a numeric CSV through {@link NumericCsvParser}: row by row from a stream
 * ({@link #next()}), validated whole without keeping it ({@link #validate}), or loaded into memory
 * for training ({@link #load}). Bytes must be UTF-8; anything else is refused with its line.
 */
public final class NumericCsvReader implements Closeable {
    /** A longer line is refused: no numeric row needs a megabyte, and it bounds the memory a read holds. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private final Utf8Lines lines = new Utf8Lines(MAX_LINE_BYTES);
    /** Rows parsed from the last chunk read, not yet returned: lines are parsed as they are cut, so the
     * first problem in the file is the one reported. */
    private final Deque<double[]> ready = new ArrayDeque<>();
    private final NumericCsvParser parser = new NumericCsvParser();
    private boolean ended;

    private NumericCsvReader(InputStream in) {
        this.in = in;
    }

    /** Reads UTF-8 bytes (buffering them itself), refusing malformed ones rather than replacing them. */
    public static NumericCsvReader of(InputStream in) {
        return new NumericCsvReader(in);
    }

    /** Reads a whole stream, keeping nothing but counters, and checks the target column when one is given. */
    public static DatasetSummary validate(InputStream in, String target) throws IOException {
        try (NumericCsvReader csv = of(in)) {
            while (csv.next() != null) {
                // each row is checked as it is read; nothing is kept
            }
            return csv.finish(target);
        }
    }

    /** Loads a whole file for training, checking the target column when one is given. */
    public static NumericDataset load(Path file, String target) throws IOException {
        try (NumericCsvReader csv = of(Files.newInputStream(file))) {
            List<double[]> rows = new ArrayList<>();
            for (double[] row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
            DatasetSummary summary = csv.finish(target);
            return new NumericDataset(summary.header(), rows);
        }
    }

    /** The header, reading up to it if no row was read yet. */
    public CsvHeader header() throws IOException {
        while (parser.header().isEmpty() && readChunk()) {
            // the parser takes the header from the first non-blank line
        }
        if (parser.header().isEmpty()) {
            parser.finish();
        }
        return parser.header().orElseThrow();
    }

    /** The next data row in header order ({@code NaN} where missing), or null at the end. */
    public double[] next() throws IOException {
        while (ready.isEmpty() && readChunk()) {
            // lines without rows: the header, blank lines, a line cut by the chunk's end
        }
        return ready.poll();
    }

    /** Once {@link #next()} gave null: checks the file as a whole, and the target when not null. */
    public DatasetSummary finish(String target) {
        if (!ended || !ready.isEmpty()) {
            throw new IllegalStateException("finish() before every row was read");
        }
        return target == null ? parser.finish() : parser.finish(target);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads and parses the next chunk; false at the end of the stream. */
    private boolean readChunk() throws IOException {
        if (ended) {
            return false;
        }
        int read = in.read(buffer);
        if (read < 0) {
            ended = true;
            lines.end(this::parse);
        } else {
            lines.feed(buffer, 0, read, this::parse);
        }
        return true;
    }

    private void parse(String line) {
        double[] row = parser.accept(line);
        if (row != null) {
            ready.add(row);
        }
    }
}
