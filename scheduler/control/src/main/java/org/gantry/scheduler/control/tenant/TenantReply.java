package org.gantry.scheduler.control.tenant;

import java.util.List;
import java.util.Map;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;

/** The tenant directory's answers. */
public sealed interface TenantReply extends ClusterMessage {

    record Done(TenantSpec tenant) implements TenantReply {}

    record AlreadyExists(TenantSpec tenant) implements TenantReply {}

    record NoSuchTenant(TenantId tenant) implements TenantReply {}

    record All(Map<TenantId, TenantSpec> tenants) implements TenantReply {}

    /** @param token null when no token has the hash */
    record Identified(TokenRecord token) implements TenantReply {}

    record TokenDone(TokenRecord token) implements TenantReply {}

    record TokenList(List<TokenRecord> tokens) implements TenantReply {}

    record NoSuchToken(String id) implements TenantReply {}
}
