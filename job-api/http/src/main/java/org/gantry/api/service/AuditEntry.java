package org.gantry.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TokenRole;

/**
 * One admin or destructive action, as the audit log keeps it: who (the token's id and whose it
 * is), what (the method, the route template and the path it was sent to), when and how it ended
 * (the status answered). Never a secret: tokens are named by id, bodies are not kept.
 *
 * @param tenant the tenant whose token acted; null for an admin token
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(Instant at, String tokenId, TokenRole role, TenantId tenant, String method, String route,
                         String target, int status) {}
