package org.gantry.scheduler.control.tenant;

import java.time.Instant;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;

/** What happened to the tenants: the directory's journal. Tokens are only ever stored hashed. */
public sealed interface TenantEvent extends ClusterMessage {

    /**
     * @param tokenHash the hash of the tenant's first token, as builds before {@link TokenIssued}
     *                  wrote it; null from then on, the first token being a {@link TokenIssued} of its own
     */
    record TenantCreated(TenantSpec spec, String tokenHash) implements TenantEvent {}

    record QuotaSet(TenantId tenant, Map<PoolId, PoolQuota> quotas) implements TenantEvent {}

    /**
     * A token issued: only its hash is kept.
     *
     * @param tenant whose; null for an admin token
     * @param role {@code admin}, {@code tenant} or {@code reader}
     * @param expires null for never
     */
    record TokenIssued(String id, String hash, String tenant, String name, String role, Instant at, Instant expires)
            implements TenantEvent {}

    /** A token revoked: refused from now on. */
    record TokenRevoked(String id, Instant at) implements TenantEvent {}
}
