package org.gantry.scheduler.control.tenant;

import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;

/** What the tenant directory is asked. Token holders are a tenant's name, or null for the admin. */
public sealed interface TenantCommand extends ClusterMessage {

    /** Create a tenant with its first token ({@link TokenRecord#INITIAL}); {@code firstToken} null creates it without one. */
    record Create(TenantSpec spec, TenantEvent.TokenIssued firstToken, ActorRef<TenantReply> replyTo)
            implements TenantCommand {}

    record SetQuota(TenantId tenant, Map<PoolId, PoolQuota> quotas, ActorRef<TenantReply> replyTo)
            implements TenantCommand {}

    record GetAll(ActorRef<TenantReply.All> replyTo) implements TenantCommand {}

    /** The token with this hash; answered with it (revoked and expired ones too), or null. */
    record Authenticate(String tokenHash, ActorRef<TenantReply.Identified> replyTo) implements TenantCommand {}

    /** Keep a new token: answered {@link TenantReply.TokenDone}, or {@link TenantReply.NoSuchTenant}. */
    record IssueToken(TenantEvent.TokenIssued token, ActorRef<TenantReply> replyTo) implements TenantCommand {}

    /** Answered {@link TenantReply.TokenList}, or {@link TenantReply.NoSuchTenant}. */
    record ListTokens(String holder, ActorRef<TenantReply> replyTo) implements TenantCommand {}

    /** Answered {@link TenantReply.TokenDone} (a token revoked before stays as it was), or {@link TenantReply.NoSuchToken}. */
    record RevokeToken(String holder, String id, Instant at, ActorRef<TenantReply> replyTo) implements TenantCommand {}
}
