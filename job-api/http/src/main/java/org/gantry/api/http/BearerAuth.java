package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.TokenAuthenticator;

/**
 * Resolves {@code Authorization: Bearer <token>} to a caller and the token's id, or answers 401
 * saying why (no token, unknown, expired, revoked) without ever echoing the token.
 */
final class BearerAuth {
    private static final String SCHEME = "Bearer ";
    private static final WWWAuthenticate CHALLENGE = WWWAuthenticate.create(HttpChallenge.create("Bearer", "gantry"));
    /** Longer than any token Gantry issues or accepts: such a header is refused before it is hashed. */
    static final int MAX_TOKEN_LENGTH = 512;

    private final TokenAuthenticator authenticator;

    BearerAuth(TokenAuthenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    Route authenticated(Function<Authentication.Known, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> {
            Optional<String> token = header.flatMap(BearerAuth::bearerToken);
            if (token.isEmpty()) {
                return unauthorized("send the header 'Authorization: Bearer <token>'");
            }
            if (token.get().length() > MAX_TOKEN_LENGTH) {
                return unauthorized("the bearer token is not valid: it is longer than any Gantry token");
            }
            return onSuccess(authenticator.identify(token.get()), identity -> identity instanceof Authentication.Known known
                    ? inner.apply(known)
                    : unauthorized(((Authentication.Refused) identity).reason()));
        });
    }

    /** The token of a Bearer credential; the scheme is case-insensitive (RFC 7235). */
    static Optional<String> bearerToken(String header) {
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static Route unauthorized(String detail) {
        return Problems.respond(ProblemType.UNAUTHORIZED, detail, List.of(), CHALLENGE);
    }
}
