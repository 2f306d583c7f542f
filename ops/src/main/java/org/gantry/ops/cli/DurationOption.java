package org.gantry.ops.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A command-line duration: plain seconds ({@code 600}) or ISO-8601 ({@code PT10M}, {@code P7D}). */
final class DurationOption implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String text = value.trim();
        try {
            if (text.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            Duration duration = Duration.parse(text.toUpperCase());
            if (duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative; durations must be >= 0");
            }
            return duration;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: write seconds (600) or ISO-8601 "
                    + "(PT10M, PT2H, P7D)");
        }
    }
}
