package org.gantry.api.dataset;

/**
 * A dataset refused, with the spot at fault: its 1-based line (0 when the problem is the file as a
 * whole, e.g. it is empty) and column (1-based index and name; 0 and null when the problem is not
 * one column's). The message names both, so it can go to a client or a log line as it is.
 */
public final class DatasetException extends RuntimeException {
    private final long line;
    private final int column;
    private final String columnName;
    private final String reason;

    public DatasetException(long line, int column, String columnName, String reason) {
        super(describe(line, column, columnName, reason));
        this.line = line;
        this.column = column;
        this.columnName = columnName;
        this.reason = reason;
    }

    /** A problem with the whole file, not one line of it. */
    public static DatasetException ofFile(String reason) {
        return new DatasetException(0, 0, null, reason);
    }

    /** A problem with one line, not one column of it. */
    public static DatasetException ofLine(long line, String reason) {
        return new DatasetException(line, 0, null, reason);
    }

    /** The 1-based line, or 0 when the problem is the file as a whole. */
    public long line() {
        return line;
    }

    /** The 1-based column, or 0 when the problem is not one column's. */
    public int column() {
        return column;
    }

    /** The column's name from the header, or null (no column, or the header itself is at fault). */
    public String columnName() {
        return columnName;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    private static String describe(long line, int column, String columnName, String reason) {
        StringBuilder at = new StringBuilder();
        if (line > 0) {
            at.append("line ").append(line);
        }
        if (column > 0) {
            at.append(at.length() > 0 ? ", " : "").append("column ").append(column);
            if (columnName != null) {
                at.append(" (").append(Shown.quote(columnName)).append(')');
            }
        }
        return at.length() == 0 ? reason : at + ": " + reason;
    }
}
