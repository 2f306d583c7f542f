package org.gantry.scheduler.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;

/**
 * Jobs that can never start as submitted: wider than every GPU of their pool together (cordoned
 * nodes included: they may come back), or than their tenant's limit there. Waiting cannot help
 * them, so no other reason, estimate or reservation may be told for them. A pool with no node
 * yet is not judged: its nodes may still join.
 */
public final class NeverFits {
    private final List<NodeView> nodes;
    private final QuotaBook quotas;
    private Map<PoolId, Integer> poolGpus;

    public NeverFits(List<NodeView> nodes, QuotaBook quotas) {
        this.nodes = nodes;
        this.quotas = quotas;
    }

    /** Why the job can never start, or null when it could once GPUs are free. */
    public Explanation check(PendingJob job) {
        return check(job.owner(), job.gpus().min(), poolGpus().getOrDefault(job.owner().pool(), 0),
                quotas.quota(job.owner()));
    }

    /**
     * Why a job of {@code gpus} GPUs (its minimum, when elastic) of {@code owner} can never start in a
     * pool of {@code poolGpus} GPUs under {@code quota}; null when it could.
     */
    public static Explanation check(TenantPool owner, int gpus, int poolGpus, PoolQuota quota) {
        if (poolGpus > 0 && gpus > poolGpus) {
            return Explanation.of(PendingReason.NEVER_FITS, "can never start: needs " + gpus + " GPUs, and pool "
                    + owner.pool() + " has " + poolGpus + " in all (cordoned nodes included); submit it with at most "
                    + poolGpus + " GPUs, or to a larger pool");
        }
        if (quota.limit() == 0) {
            return Explanation.of(PendingReason.NEVER_FITS, "can never start: needs " + gpus + " GPUs, and tenant "
                    + owner.tenant() + " has no quota in pool " + owner.pool() + "; ask an admin for one (gantry quota set), or submit "
                    + "to a pool where it has quota");
        }
        if (gpus > quota.limit()) {
            return Explanation.of(PendingReason.NEVER_FITS, "can never start: needs " + gpus + " GPUs, and tenant "
                    + owner.tenant() + " may hold at most " + quota.limit() + " in pool " + owner.pool()
                    + " (its limit); submit it with at most " + quota.limit()
                    + " GPUs, or ask an admin to raise the limit (gantry quota set)");
        }
        return null;
    }

    /** GPUs of every node of each pool, counted on first use (a pass that meets no job of a new size never asks). */
    private Map<PoolId, Integer> poolGpus() {
        if (poolGpus == null) {
            // A pool's nodes mostly come one after another (a cluster often has one pool): sum each
            // run of them, and merge once per run, not once per node of a 10,000-node cluster.
            var counted = new HashMap<PoolId, Integer>();
            PoolId pool = null;
            int gpus = 0;
            for (NodeView node : nodes) {
                if (!node.pool().equals(pool)) {
                    if (pool != null) {
                        counted.merge(pool, gpus, Integer::sum);
                    }
                    pool = node.pool();
                    gpus = 0;
                }
                gpus += node.capacity();
            }
            if (pool != null) {
                counted.merge(pool, gpus, Integer::sum);
            }
            poolGpus = counted;
        }
        return poolGpus;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeverFits other && nodes.equals(other.nodes) && quotas.equals(other.quotas);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode() * 31 + quotas.hashCode();
    }
}
