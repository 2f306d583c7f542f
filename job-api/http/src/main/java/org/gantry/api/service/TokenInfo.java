package org.gantry.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TokenRole;

/**
 * A bearer token as the API shows it: never its secret (only its hash is stored), only what
 * says which token it is and whether it still works.
 *
 * @param tenant whose it is; null for an admin token
 * @param created null for a tenant's first token from before tokens were dated
 * @param expires null when it never expires
 * @param revoked when it was revoked; null while it is not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenInfo(String id, String name, TenantId tenant, TokenRole role, Instant created, Instant expires,
                        Instant revoked) {

    /** Whether the token is accepted at {@code now}. */
    public boolean activeAt(Instant now) {
        return revoked == null && (expires == null || now.isBefore(expires));
    }
}
