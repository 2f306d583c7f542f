package org.gantry.scheduler.control.tenant;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;

/**
 * The directory's state: tenants by name and tokens by the hash of their secret. Immutable,
 * keyed by plain strings so it snapshots as simple JSON; versioned by {@link TenantsMigration}.
 */
public record Tenants(Map<String, TenantSpec> byName, Map<String, TokenRecord> tokens) implements ClusterMessage {
    public static final Tenants EMPTY = new Tenants(Map.of(), Map.of());

    public Tenants {
        byName = Map.copyOf(byName);
        tokens = Map.copyOf(tokens);
    }

    TenantSpec get(TenantId tenant) {
        return byName.get(tenant.value());
    }

    TokenRecord token(String hash) {
        return tokens.get(hash);
    }

    /** The holder's token with this id, or null. */
    TokenRecord token(String holder, String id) {
        return tokens.values().stream().filter(t -> t.heldBy(holder) && t.id().equals(id)).findFirst().orElse(null);
    }

    /** The holder's tokens (a tenant's name, or null for the admin's), oldest first. */
    List<TokenRecord> tokensOf(String holder) {
        return tokens.values().stream().filter(t -> t.heldBy(holder))
                .sorted(Comparator.comparing((TokenRecord t) -> t.created() == null ? java.time.Instant.MIN : t.created())
                        .thenComparing(TokenRecord::id))
                .toList();
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
            Map<String, TokenRecord> issued = new HashMap<>(tokens);
            if (created.tokenHash() != null) {
                issued.put(created.tokenHash(), TokenRecord.initial(created.spec().name().value(), created.tokenHash()));
            }
            return new Tenants(names, issued);
        }
        if (event instanceof TenantEvent.QuotaSet set) {
            Map<String, TenantSpec> names = new HashMap<>(byName);
            names.put(set.tenant().value(), new TenantSpec(set.tenant(), set.quotas()));
            return new Tenants(names, tokens);
        }
        if (event instanceof TenantEvent.TokenIssued issued) {
            Map<String, TokenRecord> all = new HashMap<>(tokens);
            all.put(issued.hash(), new TokenRecord(issued.id(), issued.hash(), issued.tenant(), issued.name(),
                    issued.role(), issued.at(), issued.expires(), null));
            return new Tenants(byName, all);
        }
        TenantEvent.TokenRevoked revoked = (TenantEvent.TokenRevoked) event;
        Map<String, TokenRecord> all = new HashMap<>(tokens);
        all.replaceAll((hash, token) -> token.id().equals(revoked.id()) ? token.revokedAt(revoked.at()) : token);
        return new Tenants(byName, all);
    }
}
