package org.gantry.scheduler.control.tenant;

import java.time.Instant;
import java.util.Objects;
import org.gantry.api.protocol.ClusterMessage;

/**
 * A bearer token as the directory keeps it: the SHA-256 of its secret, never the secret. Plain
 * strings rather than API types, as the journal's schema. Immutable: revoking makes a new one.
 *
 * @param tenant whose it is; null for an admin token
 * @param role {@code admin}, {@code tenant} or {@code reader}
 * @param created null for a tenant's first token from builds that did not date it
 * @param expires null for never
 * @param revoked null while it is not
 */
public record TokenRecord(String id, String hash, String tenant, String name, String role, Instant created,
                          Instant expires, Instant revoked) implements ClusterMessage {
    /** The name of a tenant's first token, issued with the tenant. */
    public static final String INITIAL = "initial";

    public TokenRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(role, "role");
    }

    /**
     * The first token of a tenant created by an older build, which kept only its hash: its id is
     * the hash's start, so it is the same at every replay and says nothing of the secret.
     */
    static TokenRecord initial(String tenant, String hash) {
        return new TokenRecord("tk_" + hash.substring(0, 12), hash, tenant, INITIAL, "tenant", null, null, null);
    }

    TokenRecord revokedAt(Instant at) {
        return revoked != null ? this : new TokenRecord(id, hash, tenant, name, role, created, expires, at);
    }

    /** Whether this token is {@code holder}'s: a tenant's name, or null for the admin's. */
    boolean heldBy(String holder) {
        return Objects.equals(tenant, holder);
    }
}
