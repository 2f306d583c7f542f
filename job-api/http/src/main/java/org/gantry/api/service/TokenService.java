package org.gantry.api.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TokenRequest;

/**
 * Bearer tokens: issued (the secret shown once, stored as a hash), listed, revoked (refused at
 * once). {@code tenant} names whose tokens; null means the admin's. The admin manages every
 * token; a tenant's token (not a reader's) manages its own tenant's; another tenant's are not
 * found.
 */
public interface TokenService {

    CompletionStage<IssuedToken> issue(Caller caller, TenantId tenant, TokenRequest request);

    /** Every token of the holder, revoked and expired ones included, oldest first. */
    CompletionStage<List<TokenInfo>> list(Caller caller, TenantId tenant);

    /** Revokes the token; revoking one again answers it as it is. An unknown id is not found. */
    CompletionStage<TokenInfo> revoke(Caller caller, TenantId tenant, String id);

    /**
     * A new token: what the API shows of it from now on, and its secret, shown only in this
     * answer, as {@code token} (as when a tenant is created).
     */
    record IssuedToken(@JsonUnwrapped TokenInfo info, @JsonProperty("token") String secret) {}
}
