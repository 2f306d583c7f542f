package org.gantry.api.service;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Turns a bearer token into a caller; empty when the token is unknown. */
public interface TokenAuthenticator {
    CompletionStage<Optional<Caller>> authenticate(String token);
}
