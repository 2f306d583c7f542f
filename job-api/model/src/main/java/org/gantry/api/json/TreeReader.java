package org.gantry.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.gantry.api.Names;
import org.gantry.api.validation.Violations;

/**
 * Reads typed values out of a JSON tree for the spec readers. Instead of throwing, each method
 * records a violation at the value's path and returns null, so a reader keeps going and reports
 * every problem in one answer. An absent value also reads as null, silently: whether absence is
 * a problem is the caller's call ({@link Fields#required}).
 */
final class TreeReader {
    private final Violations violations;

    TreeReader(Violations violations) {
        this.violations = violations;
    }

    void report(String path, String message) {
        violations.add(path, message);
    }

    /** A point to ask {@link #cleanSince} about: lets a part's reader build its value only when all its fields read well. */
    int mark() {
        return violations.count();
    }

    boolean cleanSince(int mark) {
        return violations.count() == mark;
    }

    Fields object(At at) {
        if (!at.present()) {
            return null;
        }
        if (!(at.node() instanceof ObjectNode object)) {
            report(at.path(), "must be an object, got " + Quoting.kindOf(at.node()));
            return null;
        }
        return new Fields(this, object, at.path());
    }

    String text(At at) {
        if (!at.present()) {
            return null;
        }
        if (!at.node().isTextual()) {
            report(at.path(), "must be a string, got " + Quoting.kindOf(at.node()));
            return null;
        }
        return at.node().textValue();
    }

    /** A string that is not blank and at most {@code maxLength} characters. */
    String text(At at, int maxLength) {
        String text = text(at);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            report(at.path(), "must not be blank");
            return null;
        }
        if (text.length() > maxLength) {
            report(at.path(), tooLong(text, maxLength));
            return null;
        }
        return text;
    }

    /** A name under the one naming rule of {@link Names}; {@code what} is for instance "job name". */
    String name(At at, String what) {
        String name = text(at);
        if (name != null && !Names.isValid(name)) {
            report(at.path(), Quoting.quote(name) + " is not a valid " + what + ": use " + Names.rule());
            return null;
        }
        return name;
    }

    Integer integer(At at, int min, int max) {
        Long value = wholeNumber(at, min, max);
        return value == null ? null : value.intValue();
    }

    Long wholeNumber(At at, long min, long max) {
        if (!at.present()) {
            return null;
        }
        JsonNode node = at.node();
        if (!node.isNumber()) {
            report(at.path(), "must be a whole number, got " + Quoting.kindOf(node));
            return null;
        }
        if (!node.isIntegralNumber()) {
            report(at.path(), "must be a whole number, got " + node.asText());
            return null;
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            report(at.path(), range(min, max) + ", got " + node.asText());
            return null;
        }
        return node.longValue();
    }

    /** A number strictly above {@code above} and at most {@code atMost}. */
    Double decimal(At at, double above, double atMost) {
        if (!at.present()) {
            return null;
        }
        JsonNode node = at.node();
        if (!node.isNumber()) {
            report(at.path(), "must be a number, got " + Quoting.kindOf(node));
            return null;
        }
        double value = node.doubleValue();
        if (!(value > above && value <= atMost)) {
            report(at.path(), "must be above " + above + " and at most " + atMost + ", got " + node.asText());
            return null;
        }
        return value;
    }

    Boolean bool(At at) {
        if (!at.present()) {
            return null;
        }
        if (!at.node().isBoolean()) {
            report(at.path(), "must be true or false, got " + Quoting.kindOf(at.node()));
            return null;
        }
        return at.node().booleanValue();
    }

    /** One of an enum's constants, by its exact name, as the writer writes it. */
    <E extends Enum<E>> E choice(At at, Class<E> type) {
        String text = text(at);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        String known = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        report(at.path(), "must be one of " + known + ", got " + Quoting.quote(text));
        return null;
    }

    static String range(long min, long max) {
        return max == Integer.MAX_VALUE || max == Long.MAX_VALUE
                ? "must be at least " + min
                : "must be between " + min + " and " + max;
    }

    static String tooLong(String text, int maxLength) {
        return "is " + text.length() + " characters long; at most " + maxLength + " allowed";
    }
}
