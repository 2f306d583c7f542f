package org.gantry.scheduler.sim;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a trace file of any {@link TraceFormat}, recognised by its header. Rows may come in any
 * order (Philly's do not come sorted); jobs are returned in submit order with times rebased so
 * the first submit is 0. A malformed row is an error naming its line, never skipped silently.
 * Gzip-compressed files are recognised by their magic bytes, whatever their name.
 */
public final class TraceReader {
    /** Which part of a trace to replay: a time window (seconds from the first submit) and a job limit. */
    public record Selection(long fromSeconds, long toSeconds, int limit) {
        public static final Selection ALL = new Selection(0, Long.MAX_VALUE, Integer.MAX_VALUE);

        public Selection {
            if (fromSeconds < 0 || toSeconds < fromSeconds || limit < 0) {
                throw new IllegalArgumentException("need 0 <= from <= to and limit >= 0, got from=" + fromSeconds
                        + " to=" + toSeconds + " limit=" + limit);
            }
        }
    }

    private TraceReader() {}

    public static Trace read(Path file, Selection selection) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file, in, selection);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param source names the trace in errors
     * @param in     the trace's bytes, plain or gzip-compressed; closed once read
     */
    public static Trace read(Path source, InputStream in, Selection selection) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(decompressed(in),
                StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw new TraceFormatException(source, 0, "the file is empty; expected a CSV header");
            }
            TraceFormat format = TraceFormat.detect(stripBom(header));
            if (format == null) {
                throw new TraceFormatException(source, 1, "unknown trace header '" + header + "'; expected one of: "
                        + TraceFormat.PHILLY.columns() + " (Philly) or " + TraceFormat.TIRESIAS.columns()
                        + " (Tiresias)");
            }
            return select(format, parseRows(source, reader, format), selection);
        }
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        InputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean gzip = first == (GZIPInputStream.GZIP_MAGIC & 0xff) && second == (GZIPInputStream.GZIP_MAGIC >>> 8);
        return gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    private static List<TraceFormat.Row> parseRows(Path file, BufferedReader reader, TraceFormat format)
            throws IOException {
        var rows = new ArrayList<TraceFormat.Row>();
        int columns = format.columns().size();
        long lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != columns) {
                throw new TraceFormatException(file, lineNumber, "expected " + columns + " comma-separated values "
                        + format.columns() + ", found " + cells.length);
            }
            try {
                TraceFormat.Row row = format.parse(cells);
                rows.add(row.id() == null ? withId(row, "job-" + (lineNumber - 1)) : row);
            } catch (IllegalArgumentException e) {
                throw new TraceFormatException(file, lineNumber, e.getMessage());
            }
        }
        return rows;
    }

    private static Trace select(TraceFormat format, List<TraceFormat.Row> rows, Selection selection) {
        rows.sort(Comparator.comparingLong(TraceFormat.Row::submit));
        long start = rows.isEmpty() ? 0 : rows.get(0).submit();
        var jobs = new ArrayList<TraceJob>();
        for (TraceFormat.Row row : rows) {
            long submit = row.submit() - start;
            if (jobs.size() >= selection.limit() || submit >= selection.toSeconds()) {
                break;
            }
            if (submit >= selection.fromSeconds()) {
                jobs.add(new TraceJob(row.id(), row.tenant(), row.name(), submit - selection.fromSeconds(),
                        row.duration(), row.gpus()));
            }
        }
        return new Trace(format, jobs);
    }

    private static TraceFormat.Row withId(TraceFormat.Row row, String id) {
        return new TraceFormat.Row(id, row.tenant(), row.name(), row.submit(), row.duration(), row.gpus());
    }

    private static String stripBom(String header) {
        return header.startsWith("\uFEFF") ? header.substring(1) : header;
    }
}
