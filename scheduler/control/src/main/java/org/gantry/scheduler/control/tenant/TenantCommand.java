package org.gantry.scheduler.control.tenant;

import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;

/** What the tenant directory is asked. */
public sealed interface TenantCommand extends ClusterMessage {

    /** Create a tenant with the hash of its new token; {@code tokenHash} null creates it without a token. */
    record Create(TenantSpec spec, String tokenHash, ActorRef<TenantReply> replyTo) implements TenantCommand {}

    record SetQuota(TenantId tenant, Map<PoolId, PoolQuota> quotas, ActorRef<TenantReply> replyTo)
            implements TenantCommand {}

    record GetAll(ActorRef<TenantReply.All> replyTo) implements TenantCommand {}

    /** Who holds the token with this hash; answered with the tenant, or null. */
    record Authenticate(String tokenHash, ActorRef<TenantReply.Identified> replyTo) implements TenantCommand {}
}
