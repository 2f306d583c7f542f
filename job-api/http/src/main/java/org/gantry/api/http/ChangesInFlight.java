package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapRouteResultFuture;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Sheds load the control plane cannot take: at most {@code max} changes (submits, cancels,
 * uploads: what {@link CallerRateLimiter} counts) are being handled at once, across all callers,
 * and one more is answered 503 at once with {@code Retry-After}. Per-token rate limits do not
 * bound the total: many tenants, or one with the limit lifted, offering ten times what the
 * control plane takes in queued up to 1,024 submits, each answered only after up to 20 s
 * (measured, {@code OverloadChaosTest}). Reads are never shed here: they are how clients see
 * what happened to what they sent.
 */
final class ChangesInFlight {
    private static final long RETRY_AFTER_SECONDS = 1;
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final String detail;

    /** {@code max} 0: no bound. */
    ChangesInFlight(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("gantry.api.max-changes-in-flight must be >= 0 (0: no bound), got " + max);
        }
        this.max = max;
        this.detail = "the control plane is busy: " + max + " changes are being handled already, the most it takes "
                + "at once (gantry.api.max-changes-in-flight); nothing of this request was done: send it again "
                + "after Retry-After";
    }

    Route admitting(Supplier<Route> inner) {
        if (max == 0) {
            return inner.get();
        }
        return extractRequest(request -> {
            if (!CallerRateLimiter.isChange(request)) {
                return inner.get();
            }
            if (inFlight.incrementAndGet() > max) {
                inFlight.decrementAndGet();
                return complete(Problems.response(ProblemType.UNAVAILABLE, detail, request.getUri().path(), List.of(),
                        RetryAfter.create(RETRY_AFTER_SECONDS)));
            }
            // Sealed inside, so a failure or rejection is an answer too, and the slot is always given back.
            return mapRouteResultFuture(result -> result.whenComplete((done, failure) -> inFlight.decrementAndGet()),
                    () -> ProblemHandlers.seal(inner.get()));
        });
    }
}
