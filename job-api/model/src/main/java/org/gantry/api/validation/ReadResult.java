package org.gantry.api.validation;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What reading a request gives: the value, or every problem found with it. A result rather
 * than an exception, because an invalid request is an expected outcome that callers answer
 * (a 400 listing the violations), not a failure.
 */
public sealed interface ReadResult<T> permits ReadResult.Ok, ReadResult.Invalid {

    /** The value, or a {@link ValidationException} listing every violation. */
    T orThrow();

    /** Empty when the read succeeded. */
    List<Violation> violations();

    /** Continues with a further read of the value; violations pass through unchanged. */
    <U> ReadResult<U> flatMap(Function<? super T, ReadResult<U>> next);

    default boolean isOk() {
        return this instanceof Ok;
    }

    record Ok<T>(T value) implements ReadResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public T orThrow() {
            return value;
        }

        @Override
        public List<Violation> violations() {
            return List.of();
        }

        @Override
        public <U> ReadResult<U> flatMap(Function<? super T, ReadResult<U>> next) {
            return next.apply(value);
        }
    }

    record Invalid<T>(List<Violation> violations) implements ReadResult<T> {
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one violation");
            }
        }

        public static <T> Invalid<T> of(String path, String message) {
            return new Invalid<>(List.of(new Violation(path, message)));
        }

        @Override
        public T orThrow() {
            throw new ValidationException(violations);
        }

        @Override
        public <U> ReadResult<U> flatMap(Function<? super T, ReadResult<U>> next) {
            return new Invalid<>(violations);
        }
    }
}
