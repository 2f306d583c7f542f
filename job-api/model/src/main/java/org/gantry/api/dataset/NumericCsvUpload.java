package org.gantry.api.dataset;

/**
 * Validates a dataset from raw bytes pushed as they arrive, in chunks cut anywhere (the shape of
 * an HTTP upload streamed to the store): {@link #feed} each chunk, then {@link #finish}. Keeps one
 * partial line, the header and counters, whatever the file's size. The first problem throws a
 * {@link DatasetException}; after it the instance is spent. Not thread-safe (one per upload).
 */
public final class NumericCsvUpload {
    private final Utf8Lines lines = new Utf8Lines(NumericCsvReader.MAX_LINE_BYTES);
    private final NumericCsvParser parser = new NumericCsvParser();
    private long bytes;

    public void feed(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    public void feed(byte[] chunk, int offset, int length) {
        bytes += length;
        lines.feed(chunk, offset, length, parser::accept);
    }

    /** Bytes fed so far. */
    public long bytes() {
        return bytes;
    }

    /** Once every byte was fed: checks the file as a whole, and the target column when not null. */
    public DatasetSummary finish(String target) {
        lines.end(parser::accept);
        return target == null ? parser.finish() : parser.finish(target);
    }
}
