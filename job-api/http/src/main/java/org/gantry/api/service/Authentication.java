package org.gantry.api.service;

import java.util.Objects;

/** What a bearer token turned out to be: a caller (with the id of the token, for the audit log), or why not. */
public sealed interface Authentication {

    /** @param tokenId the token's id, never its secret: {@code bootstrap} for the admin token of the environment */
    record Known(Caller caller, String tokenId) implements Authentication {
        public Known {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }

    /** @param reason why the token was refused, said to the client (expired when, revoked, unknown); no secret */
    record Refused(String reason) implements Authentication {}
}
