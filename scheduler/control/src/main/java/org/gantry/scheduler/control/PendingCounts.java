package org.gantry.scheduler.control;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gantry.api.tenant.TenantId;

/**
 * Each tenant's waiting jobs, counted as the view queues and unqueues them, and the tenants at
 * the cap on them ({@code gantry.scheduler.max-pending-per-tenant}). Counted, not walked: a
 * submit is checked against a set, never against the queue. Owned by {@link ControlView}.
 */
final class PendingCounts {
    private final Map<TenantId, Integer> counts = new HashMap<>();
    private final Set<TenantId> atCap = new HashSet<>();
    private int cap = Integer.MAX_VALUE;
    private boolean capCrossed;

    void cap(int maxPending) {
        cap = maxPending;
        atCap.clear();
        counts.forEach((tenant, count) -> {
            if (count >= cap) {
                atCap.add(tenant);
            }
        });
        capCrossed = true;
    }

    void add(TenantId tenant) {
        if (counts.merge(tenant, 1, Integer::sum) == cap) {
            capCrossed |= atCap.add(tenant);
        }
    }

    void remove(TenantId tenant) {
        Integer left = counts.computeIfPresent(tenant, (t, count) -> count == 1 ? null : count - 1);
        if ((left == null ? 0 : left) < cap) {
            capCrossed |= atCap.remove(tenant);
        }
    }

    int of(TenantId tenant) {
        return counts.getOrDefault(tenant, 0);
    }

    int cap() {
        return cap;
    }

    Set<TenantId> atCap() {
        return Set.copyOf(atCap);
    }

    /** Whether a tenant reached the cap or fell below it since the last call: the rules must be published. */
    boolean takeCapCrossed() {
        boolean crossed = capCrossed;
        capCrossed = false;
        return crossed;
    }
}
