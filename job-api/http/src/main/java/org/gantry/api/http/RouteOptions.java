package org.gantry.api.http;

import java.util.Objects;
import java.util.function.Function;

/**
 * How the routes behave around the services, as opposed to what they serve.
 *
 * @param templates names a request path by its route template ({@code /api/v1/jobs/{id}}), for
 *                  the audit log
 * @param changes   how fast one token may change things (see {@link CallerRateLimiter})
 * @param maxChangesInFlight how many changes, of all callers, are handled at once, the next
 *                  answered 503 (see {@link ChangesInFlight}); 0 for no bound
 */
public record RouteOptions(Function<String, String> templates, RateLimit changes, int maxChangesInFlight) {
    public RouteOptions {
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(changes, "changes");
    }

    /** With no bound on the changes in flight. */
    public RouteOptions(Function<String, String> templates, RateLimit changes) {
        this(templates, changes, 0);
    }

    /** Without a rate limit (tests, embedding). */
    public static RouteOptions unlimited(Function<String, String> templates) {
        return new RouteOptions(templates, RateLimit.UNLIMITED);
    }
}
