package org.gantry.api.service;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Turns a bearer token into a caller; empty when the token is unknown. */
public interface TokenAuthenticator {
    CompletionStage<Optional<Caller>> authenticate(String token);

    /**
     * The caller and the token's id, or why the token is refused (unknown, expired, revoked). By
     * default from {@link #authenticate}, with every token the {@code unknown} one.
     */
    default CompletionStage<Authentication> identify(String token) {
        return authenticate(token).thenApply(caller -> caller
                .<Authentication>map(known -> new Authentication.Known(known, "unknown"))
                .orElseGet(() -> new Authentication.Refused("the bearer token is not valid")));
    }
}
