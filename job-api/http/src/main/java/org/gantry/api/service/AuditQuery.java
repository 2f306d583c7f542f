package org.gantry.api.service;

import java.time.Instant;
import org.gantry.api.tenant.TenantId;

/**
 * Which audit entries to read, newest first: those of {@code tenant}'s tokens (null: everyone's)
 * at or after {@code from} and before {@code to} (each null for unbounded), {@code limit} at most,
 * after the page that {@code cursor} ended (null: from the newest).
 */
public record AuditQuery(TenantId tenant, Instant from, Instant to, String cursor, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;
}
