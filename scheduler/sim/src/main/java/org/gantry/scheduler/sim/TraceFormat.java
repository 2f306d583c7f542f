package org.gantry.scheduler.sim;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * The trace formats Gantry reads, recognised by their header line (see traces/README.md beside {@link BundledTraces}):
 * Microsoft Philly as published with Pollux, and the Tiresias simulator's sample format.
 */
public enum TraceFormat {
    /** {@code timestamp,duration,num_gpus,gpu_time,cluster}; the virtual cluster is the tenant. */
    PHILLY(List.of("timestamp", "duration", "num_gpus", "gpu_time", "cluster")) {
        @Override
        Row parse(String[] cells) {
            long submit = epochSeconds(cells[0]);
            return new Row(null, cells[4], "", submit, seconds(cells[1], "duration"), count(cells[2], "num_gpus"));
        }
    },
    /** {@code job_id,num_gpu,submit_time,iterations,model_name,duration,interval}; one tenant. */
    TIRESIAS(List.of("job_id", "num_gpu", "submit_time", "iterations", "model_name", "duration", "interval")) {
        @Override
        Row parse(String[] cells) {
            return new Row(cells[0], "tiresias", cells[4], offset(cells[2], "submit_time"),
                    seconds(cells[5], "duration"), count(cells[1], "num_gpu"));
        }
    };

    /** Strict, so that an impossible date (2017-02-30) is an error rather than quietly 28 February. */
    private static final DateTimeFormatter PHILLY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private final List<String> columns;

    TraceFormat(List<String> columns) {
        this.columns = columns;
    }

    /** A parsed row; {@code id} null when the format has none (rows are then numbered). */
    record Row(String id, String tenant, String name, long submit, long duration, int gpus) {}

    abstract Row parse(String[] cells);

    public List<String> columns() {
        return columns;
    }

    public static TraceFormat detect(String header) {
        List<String> names = List.of(header.trim().split("\\s*,\\s*"));
        for (TraceFormat format : values()) {
            if (names.equals(format.columns)) {
                return format;
            }
        }
        return null;
    }

    /** Ten years: longer than any job, and far from overflowing the clock when added to a time. */
    static final long MAX_SECONDS = 10L * 365 * 86_400;

    /** Seconds, allowing a fraction ("66.0"), rounded up so that no job is shorter than a second. */
    static long seconds(String cell, String column) {
        try {
            double value = Double.parseDouble(cell);
            if (!(value >= 0) || value > MAX_SECONDS) {
                throw new IllegalArgumentException(column + " must be a number of seconds in 0.." + MAX_SECONDS
                        + ", got '" + cell + "'");
            }
            return Math.max(1, (long) Math.ceil(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a number of seconds, got '" + cell + "'");
        }
    }

    /** A point in time in whole seconds from the trace's start (0 allowed), fractions rounded down. */
    static long offset(String cell, String column) {
        try {
            double value = Double.parseDouble(cell);
            if (!(value >= 0) || value > MAX_SECONDS) {
                throw new IllegalArgumentException(column + " must be a number of seconds in 0.." + MAX_SECONDS
                        + ", got '" + cell + "'");
            }
            return (long) Math.floor(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a number of seconds, got '" + cell + "'");
        }
    }

    static int count(String cell, String column) {
        try {
            int value = Integer.parseInt(cell.trim());
            if (value < 1) {
                throw new IllegalArgumentException(column + " must be >= 1, got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " must be a whole number, got '" + cell + "'");
        }
    }

    static long epochSeconds(String cell) {
        String text = cell.trim();
        long quick = quickEpochSeconds(text);
        if (quick != Long.MIN_VALUE) {
            return quick;
        }
        try {
            return LocalDateTime.parse(text, PHILLY_TIME).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp must look like 2017-10-09 07:01:55, got '" + cell + "'");
        }
    }

    /**
     * A well-formed time ({@code 2017-10-09 07:01:55}, a real date) without the formatter, which
     * took a tenth of a replay's start (speed); {@link Long#MIN_VALUE} for anything else, which the
     * formatter then reads or explains.
     */
    private static long quickEpochSeconds(String text) {
        if (text.length() != 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
            return Long.MIN_VALUE;
        }
        return LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
    }

    /** The ASCII digits from {@code from} (inclusive) to {@code to} as a number; -1 when one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
