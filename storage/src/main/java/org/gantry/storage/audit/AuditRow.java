package org.gantry.storage.audit;

import java.util.Objects;

/**
 * One entry of the audit log as stored: who (a token's id, its role, its tenant or "" for an
 * admin token), what (method, route template, the path it was sent to), when (epoch millis) and
 * the status answered. Plain strings, so the table owes nothing to the API's types.
 */
public record AuditRow(long atMillis, String tokenId, String role, String tenant, String method, String route,
                       String target, int status) {
    public AuditRow {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(role, "role");
        tenant = tenant == null ? "" : tenant;
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(target, "target");
    }
}
