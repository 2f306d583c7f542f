package org.gantry.scheduler.control.tenant;

import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;

/** What happened to the tenants: the directory's journal. Tokens are only ever stored hashed. */
public sealed interface TenantEvent extends ClusterMessage {

    record TenantCreated(TenantSpec spec, String tokenHash) implements TenantEvent {}

    record QuotaSet(TenantId tenant, Map<PoolId, PoolQuota> quotas) implements TenantEvent {}
}
