package org.gantry.scheduler.sim;

import java.util.HashMap;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;

/** How the simulator grants quotas to a trace's tenants. */
public enum QuotaMode {
    /** No quotas: any tenant may use every GPU, and nothing is reclaimed. */
    NONE,
    /**
     * Each tenant is guaranteed its share of the cluster in proportion to its share of the
     * trace's GPU-time (rounded down), and may borrow up to the whole cluster.
     */
    PROPORTIONAL;

    public QuotaBook quotasFor(Trace trace, ClusterShape cluster) {
        if (this == NONE) {
            return QuotaBook.unlimited();
        }
        var gpuSeconds = new HashMap<String, Long>();
        trace.jobs().forEach(job -> gpuSeconds.merge(job.tenant(), job.gpuSeconds(), Long::sum));
        double total = Math.max(1, trace.totalGpuSeconds());
        var quotas = new HashMap<TenantPool, PoolQuota>();
        for (Map.Entry<String, Long> tenant : gpuSeconds.entrySet()) {
            int guaranteed = (int) Math.floor(cluster.totalGpus() * tenant.getValue() / total);
            quotas.put(new TenantPool(TenantId.of(SimNames.tenant(tenant.getKey())), PoolId.DEFAULT),
                    new PoolQuota(guaranteed, cluster.totalGpus()));
        }
        return QuotaBook.of(quotas);
    }
}
