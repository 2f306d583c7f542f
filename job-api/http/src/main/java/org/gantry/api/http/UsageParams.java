package org.gantry.api.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gantry.api.service.UsageQuery;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violation;

/**
 * Reads {@code GET /tenants/{t}/usage}'s {@code from}, {@code to} and {@code step}. A time is an
 * ISO-8601 instant or an age ({@code 24h}: 24 hours before now); a step is {@code 15m},
 * {@code 1h}, {@code 1d} or ISO-8601 ({@code PT1H}), whole minutes. Defaults: the last 24 hours
 * in hourly steps. {@code from} is rounded down to its minute.
 */
final class UsageParams {
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final Duration DEFAULT_STEP = Duration.ofHours(1);
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhdw])");
    private static final String TIME_FORMS = "an ISO-8601 instant (2026-01-31T00:00:00Z) or an age such as 24h or 7d";

    private UsageParams() {}

    static ReadResult<UsageQuery> read(Map<String, String> params, Instant now) {
        List<Violation> errors = new ArrayList<>();
        Instant to = time(params, "to", now, now, errors);
        Instant from = time(params, "from", to == null ? now.minus(DEFAULT_RANGE) : to.minus(DEFAULT_RANGE), now,
                errors);
        Duration step = DEFAULT_STEP;
        String stepText = params.get("step");
        if (stepText != null) {
            step = duration(stepText);
            if (step == null || step.isZero() || step.isNegative() || step.toSeconds() % 60 != 0
                    || step.getNano() != 0) {
                errors.add(new Violation("step", "must be a whole number of minutes such as 15m, 1h or 1d (or "
                        + "ISO-8601, PT1H), got '" + stepText + "'"));
                step = null;
            }
        }
        if (from != null && to != null) {
            from = from.truncatedTo(ChronoUnit.MINUTES);
            if (!from.isBefore(to)) {
                errors.add(new Violation("from", "must be before 'to' (" + to + "), got " + from));
            } else if (step != null && (Duration.between(from, to).toSeconds() + step.toSeconds() - 1)
                    / step.toSeconds() > UsageQuery.MAX_STEPS) {
                errors.add(new Violation("step", "makes more than " + UsageQuery.MAX_STEPS + " steps from " + from
                        + " to " + to + ": use a longer step or a shorter range"));
            }
        }
        return errors.isEmpty() ? new ReadResult.Ok<>(new UsageQuery(from, to, step))
                : new ReadResult.Invalid<>(errors);
    }

    /** The time named {@code name}: {@code absent} when it is not given, null with a violation when it is bad. */
    static Instant time(Map<String, String> params, String name, Instant absent, Instant now,
                                List<Violation> errors) {
        String text = params.get(name);
        if (text == null) {
            return absent;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            Duration age = duration(text.startsWith("-") ? text.substring(1) : text);
            if (age != null && !age.isNegative()) {
                return now.minus(age);
            }
            errors.add(new Violation(name, "must be " + TIME_FORMS + ", got '" + text + "'"));
            return null;
        }
    }

    /** {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, {@code 1w} or ISO-8601; null when neither. */
    static Duration duration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher shortForm = SHORT.matcher(trimmed);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            };
        }
        try {
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
