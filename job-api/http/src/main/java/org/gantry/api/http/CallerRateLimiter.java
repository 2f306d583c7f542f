package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.extractUri;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Function;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.Caller;

/**
 * Limits how fast each token changes things (submits, cancels, uploads, node and tenant changes):
 * a {@link TokenBucket} per token, a request over it answered 429 with {@code Retry-After}.
 * Reads and predictions are not limited. Buckets are keyed by {@link #keyOf}, the one place
 * that says who "one caller" is. Updated with {@code ConcurrentHashMap.compute}: one bucket is
 * changed by one request at a time, different callers never wait for each other.
 */
final class CallerRateLimiter {
    /** One per thread: looking the algorithm up costs more than hashing a token. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    });
    private final RateLimit limit;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    /** Bucket keys by token hash, of tokens seen authenticated as limited callers: bounded by the tokens issued. */
    private final ConcurrentHashMap<String, String> keyOfTokenHash = new ConcurrentHashMap<>();
    private final String refusalDetail;
    /** Racy on purpose: at worst two threads each build a refusal. */
    private volatile Refusal lastRefusal;

    CallerRateLimiter(RateLimit limit) {
        this(limit, System::nanoTime);
    }

    CallerRateLimiter(RateLimit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.refusalDetail = String.format(Locale.ROOT, "more than %s changes per second (bursts of %d) with this "
                + "token: wait as Retry-After says and send it again; an operator sets the limit with "
                + "gantry.api.rate-limit", rate(), limit.burst());
    }

    /**
     * Who shares one bucket, or null for a caller that is not limited: each tenant token has its
     * own; admin tokens (the operator's, used by scripts and benchmarks) are not limited.
     */
    static String keyOf(Authentication.Known who) {
        return who.caller() instanceof Caller.Admin ? null : "token:" + who.tokenId();
    }

    /** {@code inner}, unless the request is a change and the caller is over its rate: then a 429. */
    Route limited(Authentication.Known who, Supplier<Route> inner) {
        if (limit.unlimited()) {
            return inner.get();
        }
        return extractRequest(request -> {
            if (!isChange(request)) {
                return inner.get();
            }
            Duration wait = acquire(who);
            return wait == null ? inner.get() : tooMany(wait);
        });
    }

    /**
     * Before authentication: a change by a token remembered over its rate is answered 429 at
     * once; otherwise {@code inner} gets the token's hash (null without a bearer token), to pass
     * to {@link #remember} once the token is known.
     */
    Route refusingEarly(String authorization, Function<String, Route> inner) {
        String hash = limit.unlimited() || authorization == null ? null
                : BearerAuth.bearerToken(authorization).filter(token -> token.length() <= BearerAuth.MAX_TOKEN_LENGTH)
                        .map(CallerRateLimiter::hash).orElse(null);
        if (hash == null) {
            return inner.apply(null);
        }
        return extractRequest(request -> {
            String key = isChange(request) ? keyOfTokenHash.get(hash) : null;
            TokenBucket bucket = key == null ? null : buckets.get(key);
            long now = nanoClock.getAsLong();
            double tokens = bucket == null ? limit.burst() : bucket.tokensAt(limit, now);
            return tokens >= 1 ? inner.apply(hash) : tooMany(limit.untilNextToken(tokens));
        });
    }

    /** Notes whose token has {@code tokenHash}, so that {@link #refusingEarly} knows its bucket. */
    void remember(String tokenHash, Authentication.Known who) {
        String key = keyOf(who);
        if (tokenHash != null && key != null) {
            keyOfTokenHash.putIfAbsent(tokenHash, key);
        }
    }

    /**
     * A 429 problem. A flood is refused at one path again and again with the same Retry-After, so
     * the last answer is kept and sent again (an answer is immutable): a refusal serialises nothing.
     */
    private Route tooMany(Duration wait) {
        long seconds = ProblemHandlers.retryAfterSeconds(wait);
        return extractUri(uri -> {
            String path = uri.path();
            Refusal last = lastRefusal;
            if (last == null || last.seconds() != seconds || !last.path().equals(path)) {
                last = new Refusal(path, seconds, Problems.response(ProblemType.TOO_MANY_REQUESTS, refusalDetail, path,
                        List.of(), RetryAfter.create(seconds)));
                lastRefusal = last;
            }
            return complete(last.response());
        });
    }

    /** The last 429 sent, for the next one at the same path with the same Retry-After. */
    private record Refusal(String path, long seconds, HttpResponse response) {}

    private static String hash(String token) {
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        return Base64.getEncoder().encodeToString(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Null when the caller may go ahead, else how long until it may. */
    Duration acquire(Authentication.Known who) {
        String key = keyOf(who);
        if (key == null || limit.unlimited()) {
            return null;
        }
        long now = nanoClock.getAsLong();
        TokenBucket.Taken[] taken = new TokenBucket.Taken[1];
        buckets.compute(key, (unused, bucket) -> {
            taken[0] = (bucket == null ? TokenBucket.full(limit, now) : bucket).take(limit, now);
            return taken[0].bucket();
        });
        return taken[0].granted() ? null : limit.untilNextToken(taken[0].bucket().tokens());
    }

    /** Predictions are POSTs but read: serving traffic is not a change. */
    static boolean isChange(HttpRequest request) {
        var method = request.method();
        boolean writes = method.equals(HttpMethods.POST) || method.equals(HttpMethods.PUT)
                || method.equals(HttpMethods.DELETE) || method.equals(HttpMethods.PATCH);
        return writes && !request.getUri().path().endsWith("/predict");
    }

    private String rate() {
        return limit.perSecond() == Math.rint(limit.perSecond()) ? String.valueOf((long) limit.perSecond())
                : String.valueOf(limit.perSecond());
    }
}
