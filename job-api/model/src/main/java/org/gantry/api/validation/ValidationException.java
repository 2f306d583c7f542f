package org.gantry.api.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown where a caller wants an invalid request as an exception (see {@link ReadResult#orThrow()}).
 * It carries every violation, and its message lists them all, so a log line alone explains the refusal.
 */
public final class ValidationException extends RuntimeException {
    private final transient List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        String count = violations.size() == 1 ? "1 problem" : violations.size() + " problems";
        return violations.stream().map(Violation::toString)
                .collect(Collectors.joining("\n  ", "invalid: " + count + "\n  ", ""));
    }
}
