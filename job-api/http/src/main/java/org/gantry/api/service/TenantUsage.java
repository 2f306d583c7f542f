package org.gantry.api.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;

/**
 * A tenant's GPU-hours per pool in steps: used, of which within its guarantee and borrowed
 * (above it, preemptible). Pools where nothing ran in the range are left out.
 */
public record TenantUsage(TenantId tenant, Instant from, Instant to, Duration step, List<PoolUsage> pools) {
    public TenantUsage {
        pools = List.copyOf(pools);
    }

    /** One pool's totals over the range and every step of it, zero ones included. */
    public record PoolUsage(PoolId pool, double usedGpuHours, double guaranteedGpuHours, double borrowedGpuHours,
                            List<Step> steps) {
        public PoolUsage {
            steps = List.copyOf(steps);
        }
    }

    /** GPU-hours in [start, start + step). */
    public record Step(Instant start, double usedGpuHours, double guaranteedGpuHours, double borrowedGpuHours) {}
}
