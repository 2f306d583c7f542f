package org.gantry.api.json;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.gantry.api.job.JobLimits;

/**
 * Reads a duration in the forms the contract accepts: ISO-8601 ({@code "PT2H"}, what the writer
 * writes), a JSON number of seconds ({@code 7200}), or a string of digits ({@code "7200"}, what
 * shell scripts tend to send). It must be positive and at most {@link JobLimits#MAX_DURATION}.
 */
final class Durations {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final String FORMS = "use ISO-8601 like \"PT2H\" or a number of seconds like 7200";

    private Durations() {}

    static Duration read(TreeReader reader, At at) {
        if (!at.present()) {
            return null;
        }
        Duration duration = parse(reader, at);
        if (duration == null) {
            return null;
        }
        if (duration.isNegative() || duration.isZero()) {
            reader.report(at.path(), "must be positive, got " + duration);
            return null;
        }
        if (duration.compareTo(JobLimits.MAX_DURATION) > 0) {
            reader.report(at.path(), "must be at most " + JobLimits.MAX_DURATION.toDays() + " days, got " + duration);
            return null;
        }
        return duration;
    }

    private static Duration parse(TreeReader reader, At at) {
        if (at.node().isIntegralNumber()) {
            return seconds(reader, at, at.node().asText());
        }
        if (at.node().isNumber()) {
            reader.report(at.path(), "must be a whole number of seconds, got " + at.node().asText());
            return null;
        }
        if (!at.node().isTextual()) {
            reader.report(at.path(), "must be a duration, got " + Quoting.kindOf(at.node()) + ": " + FORMS);
            return null;
        }
        String text = at.node().textValue().strip();
        if (DIGITS.matcher(text).matches()) {
            return seconds(reader, at, text);
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            reader.report(at.path(), Quoting.quote(text) + " is not a duration: " + FORMS);
            return null;
        }
    }

    private static Duration seconds(TreeReader reader, At at, String digits) {
        try {
            return Duration.ofSeconds(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            reader.report(at.path(), "must be at most " + JobLimits.MAX_DURATION.toDays() + " days, got "
                    + Quoting.clip(digits) + " seconds");
            return null;
        }
    }
}
