package org.gantry.api.service;

import java.time.Duration;
import java.util.List;
import org.gantry.api.validation.Violation;

/**
 * A request the service cannot honour, for a reason the caller can act on. The REST layer
 * turns each kind into its status and an RFC 9457 problem body; any other failure is a 500.
 */
public abstract sealed class ServiceException extends RuntimeException
        permits ServiceException.NotFound, ServiceException.Conflict, ServiceException.Forbidden,
                ServiceException.Invalid, ServiceException.TooLarge, ServiceException.TooManyRequests,
                ServiceException.Unavailable {

    protected ServiceException(String message) {
        super(message, null, false, false); // an expected answer, not a bug: no stack trace
    }

    /** 404: no such job, tenant or node, or one the caller may not see. */
    public static final class NotFound extends ServiceException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** 409: the request clashes with the current state (reused idempotency key, tenant exists…). */
    public static final class Conflict extends ServiceException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** 403: authenticated, but not allowed to do this. */
    public static final class Forbidden extends ServiceException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** 422: well-formed but unacceptable (unknown pool or tenant, more GPUs than any node has…). */
    public static final class Invalid extends ServiceException {
        private final List<Violation> errors;

        public Invalid(String message) {
            this(message, List.of());
        }

        /** With the values at fault, by JSON path ({@code $.workload.dataset}), for the problem's {@code errors}. */
        public Invalid(String message, List<Violation> errors) {
            super(message);
            this.errors = List.copyOf(errors);
        }

        public List<Violation> errors() {
            return errors;
        }
    }

    /** 413: the request body is larger than this resource takes. */
    public static final class TooLarge extends ServiceException {
        public TooLarge(String message) {
            super(message);
        }
    }

    /**
     * 429: the caller is over a limit (its request rate, or its tenant's pending jobs); the
     * {@code Retry-After} says when trying again may succeed.
     */
    public static final class TooManyRequests extends ServiceException {
        private final Duration retryAfter;

        public TooManyRequests(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** 503: the control plane is not ready (starting, scheduler recovering); retry shortly. */
    public static final class Unavailable extends ServiceException {
        /** When a client that waits this long may well be answered: the {@code Retry-After} of the 503. */
        public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

        private final Duration retryAfter;

        public Unavailable(String message) {
            this(message, DEFAULT_RETRY_AFTER);
        }

        public Unavailable(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
