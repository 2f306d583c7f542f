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
import org.gantry.api.service.Caller;
import org.gantry.api.service.TokenAuthenticator;

/** Resolves {@code Authorization: Bearer <token>} to a {@link Caller}, or answers 401. */
final class BearerAuth {
    private static final String SCHEME = "Bearer ";
    private static final WWWAuthenticate CHALLENGE = WWWAuthenticate.create(HttpChallenge.create("Bearer", "gantry"));

    private final TokenAuthenticator authenticator;

    BearerAuth(TokenAuthenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    Route authenticated(Function<Caller, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> {
            Optional<String> token = header.flatMap(BearerAuth::bearerToken);
            if (token.isEmpty()) {
                return unauthorized("send the header 'Authorization: Bearer <token>'");
            }
            return onSuccess(authenticator.authenticate(token.get()), caller -> caller.map(inner)
                    .orElseGet(() -> unauthorized("the bearer token is not valid")));
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
