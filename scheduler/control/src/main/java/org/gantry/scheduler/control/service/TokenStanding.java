package org.gantry.scheduler.control.service;

import java.time.Instant;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.Caller;
import org.gantry.api.service.TokenInfo;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TokenRole;
import org.gantry.scheduler.control.tenant.TokenRecord;

/** What a stored token stands for at a given time: a caller, or why it is refused. Pure. */
final class TokenStanding {
    private static final String ASK_AGAIN = "; ask for a new token (gantry tokens create)";

    private TokenStanding() {}

    /** @param token null when no token has the hash sent */
    static Authentication of(TokenRecord token, Instant now) {
        if (token == null) {
            return new Authentication.Refused("the bearer token is not valid: no such token" + ASK_AGAIN);
        }
        if (token.revoked() != null) {
            return new Authentication.Refused("the bearer token " + token.id() + " was revoked at " + token.revoked()
                    + ASK_AGAIN);
        }
        if (token.expires() != null && !now.isBefore(token.expires())) {
            return new Authentication.Refused("the bearer token " + token.id() + " expired at " + token.expires()
                    + ASK_AGAIN);
        }
        return new Authentication.Known(caller(token), token.id());
    }

    private static Caller caller(TokenRecord token) {
        if (token.tenant() == null) {
            return new Caller.Admin();
        }
        return new Caller.Tenant(TenantId.of(token.tenant()), TokenRole.of(token.role()) == TokenRole.READER);
    }

    /** The token as the API shows it: never its hash. */
    static TokenInfo info(TokenRecord token) {
        return new TokenInfo(token.id(), token.name(), token.tenant() == null ? null : TenantId.of(token.tenant()),
                TokenRole.of(token.role()), token.created(), token.expires(), token.revoked());
    }
}
