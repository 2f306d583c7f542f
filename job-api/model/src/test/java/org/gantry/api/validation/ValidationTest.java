package org.gantry.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void anExceptionListsEveryViolation() {
        ValidationException e = new ValidationException(List.of(
                new Violation("$.name", "is required"), new Violation("$.gpus", "must be at least 1, got 0")));

        assertThat(e.getMessage()).isEqualTo("invalid: 2 problems\n  $.name: is required\n"
                + "  $.gpus: must be at least 1, got 0");
        assertThat(e.violations()).hasSize(2);
    }

    @Test
    void aCollectorBuildsOnlyWhenNothingWasFound() {
        Violations clean = new Violations();
        assertThat(clean.result(() -> "built")).isEqualTo(new ReadResult.Ok<>("built"));

        Violations dirty = new Violations();
        dirty.add("$.x", "is required");
        ReadResult<String> result = dirty.result(() -> {
            throw new AssertionError("must not build from an invalid read");
        });
        assertThat(result.isOk()).isFalse();
        assertThatThrownBy(result::orThrow).isInstanceOf(ValidationException.class).hasMessageContaining("$.x");
    }

    @Test
    void aCollectorCapsWhatItReports() {
        Violations violations = new Violations();
        for (int i = 0; i < Violations.MAX_REPORTED + 7; i++) {
            violations.add("$.f" + i, "unknown field");
        }

        assertThat(violations.count()).isEqualTo(Violations.MAX_REPORTED + 7);
        assertThat(violations.list()).hasSize(Violations.MAX_REPORTED + 1)
                .last().isEqualTo(new Violation("$", "7 more problems not shown"));
    }

    @Test
    void invalidResultsPassThroughFlatMap() {
        ReadResult<Integer> invalid = ReadResult.Invalid.of("$", "body is empty");

        assertThat(invalid.flatMap(n -> new ReadResult.Ok<>(n + 1)).violations()).isEqualTo(invalid.violations());
        assertThat(new ReadResult.Ok<>(1).flatMap(n -> new ReadResult.Ok<>(n + 1)).orThrow()).isEqualTo(2);
    }
}
