package org.gantry.scheduler.control.tenant;

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

    record Identified(TenantId tenant) implements TenantReply {}
}
