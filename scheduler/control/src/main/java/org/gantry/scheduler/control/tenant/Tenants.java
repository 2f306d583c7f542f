package org.gantry.scheduler.control.tenant;

import java.util.HashMap;
import java.util.Map;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;

/**
 * The directory's state: tenants by name and token hashes to their tenant. Immutable, keyed by
 * plain strings so it snapshots as simple JSON.
 */
public record Tenants(Map<String, TenantSpec> byName, Map<String, String> tenantByTokenHash)
        implements ClusterMessage {
    public static final Tenants EMPTY = new Tenants(Map.of(), Map.of());

    public Tenants {
        byName = Map.copyOf(byName);
        tenantByTokenHash = Map.copyOf(tenantByTokenHash);
    }

    TenantSpec get(TenantId tenant) {
        return byName.get(tenant.value());
    }

    TenantId holderOf(String tokenHash) {
        String name = tenantByTokenHash.get(tokenHash);
        return name == null ? null : TenantId.of(name);
    }

    Map<TenantId, TenantSpec> asMap() {
        Map<TenantId, TenantSpec> map = new HashMap<>();
        byName.forEach((name, spec) -> map.put(spec.name(), spec));
        return map;
    }

    Tenants apply(TenantEvent event) {
        if (event instanceof TenantEvent.TenantCreated created) {
            Map<String, TenantSpec> names = new HashMap<>(byName);
            names.put(created.spec().name().value(), created.spec());
            Map<String, String> tokens = new HashMap<>(tenantByTokenHash);
            if (created.tokenHash() != null) {
                tokens.put(created.tokenHash(), created.spec().name().value());
            }
            return new Tenants(names, tokens);
        }
        TenantEvent.QuotaSet set = (TenantEvent.QuotaSet) event;
        Map<String, TenantSpec> names = new HashMap<>(byName);
        names.put(set.tenant().value(), new TenantSpec(set.tenant(), set.quotas()));
        return new Tenants(names, tenantByTokenHash);
    }
}
