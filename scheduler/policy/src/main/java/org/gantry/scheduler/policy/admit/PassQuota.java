package org.gantry.scheduler.policy.admit;

import java.util.HashMap;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.Admission;
import org.gantry.quota.Admission.Refusal;
import org.gantry.quota.FairShare;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.QuotaMath;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.place.CapacityIndex;

/**
 * Stage 2, admit: quota as one pass sees it. It starts from the snapshot's usage and charges
 * every GPU the pass hands out, so two jobs of one tenant cannot both squeeze under its limit.
 *
 * <p>Borrowing may use any idle GPU: the pass offers GPUs to borrowers only after guaranteed
 * work has had its pick, and reclaims them when a guarantee needs them later. Each pool keeps
 * the sum of its tenants' unmet guarantees (guaranteed demand, held plus waiting, not yet held)
 * so reclaim knows whether anyone is owed. With {@code fairShare}, idle GPUs are also split
 * between borrowers by weighted max-min fairness (weight = guarantee, at least 1); a tenant
 * that borrows nothing yet may always start one job, so a job wider than its share is not
 * starved forever, and the cap is lifted once every borrower had its turn ({@link #liftFairShare}).
 */
public final class PassQuota {
    private final QuotaBook book;
    private final CapacityIndex capacity;
    private boolean fairShare;
    private final Map<TenantPool, Integer> used;
    private final Map<TenantPool, Long> demand = new HashMap<>();
    private final Map<PoolId, Long> unmet = new HashMap<>();
    private final Map<TenantPool, Double> shares = new HashMap<>();

    public PassQuota(Snapshot snapshot, CapacityIndex capacity, boolean fairShare) {
        this.book = snapshot.quotas();
        this.capacity = capacity;
        this.fairShare = fairShare;
        this.used = new HashMap<>(snapshot.usage().asMap());
        used.forEach((tenantPool, gpus) -> demand.put(tenantPool, (long) gpus));
        snapshot.queue().waitingGpus().forEach((tenantPool, gpus) -> demand.merge(tenantPool, gpus, Long::sum));
        demand.forEach((tenantPool, gpus) -> unmet.merge(tenantPool.pool(), unmetOf(tenantPool), Long::sum));
        if (fairShare) {
            computeShares();
        }
    }

    public int used(TenantPool tenantPool) {
        return used.getOrDefault(tenantPool, 0);
    }

    public PoolQuota quota(TenantPool tenantPool) {
        return book.quota(tenantPool);
    }

    /** May the job's owner take {@code gpus} more GPUs now, and as guaranteed or borrowed work? */
    public Admission admit(TenantPool owner, int gpus, boolean preemptible) {
        PoolQuota quota = book.quota(owner);
        int held = used(owner);
        Admission admission = QuotaMath.admit(quota, held, gpus, preemptible, capacity.freeIn(owner.pool()));
        if (fairShare && admission instanceof Admission.Borrowing borrowing) {
            int borrowedNow = QuotaMath.borrowedPart(quota, held);
            double share = shares.getOrDefault(owner, 0.0);
            if (borrowedNow > 0 && borrowedNow + borrowing.borrowedGpus() > Math.ceil(share)) {
                return new Admission.Refused(Refusal.ABOVE_FAIR_SHARE,
                        () -> aboveFairShare(borrowedNow, borrowing.borrowedGpus(), share));
            }
        }
        return admission;
    }

    /** The words for a refusal above the fair share: the tenant borrows {@code borrowedNow} and would borrow {@code more}. */
    public static String aboveFairShare(int borrowedNow, int more, double share) {
        return "tenant borrows " + borrowedNow + " GPUs; " + more + " more would exceed its fair share of the idle GPUs ("
                + String.format("%.1f", share) + ")";
    }

    /** The tenant's cap on borrowing in this pass, or -1 while borrowers are not capped. */
    public double fairShareOf(TenantPool owner) {
        return fairShare ? shares.getOrDefault(owner, 0.0) : -1;
    }

    /**
     * Stop capping borrowers at their fair share for the rest of the pass: once every borrower had
     * its share, GPUs still idle go to whoever can use them (fair, and still work-conserving).
     */
    public void liftFairShare() {
        fairShare = false;
    }

    /** Whether borrowers are capped at their fair share now. */
    public boolean fairShareApplies() {
        return fairShare;
    }

    /** Count {@code gpus} more (or fewer, when negative) as held by the tenant from now on in this pass. */
    public void charge(TenantPool tenantPool, int gpus) {
        long unmetBefore = unmetOf(tenantPool);
        used.merge(tenantPool, gpus, Integer::sum);
        unmet.merge(tenantPool.pool(), unmetOf(tenantPool) - unmetBefore, Long::sum);
    }

    /** Unmet guaranteed demand, across all tenants of the pool: whether reclaiming borrowed GPUs could help. */
    public long unmetGuarantees(PoolId pool) {
        return unmet.getOrDefault(pool, 0L);
    }

    private long unmetOf(TenantPool tenantPool) {
        return QuotaMath.unmetGuarantee(book.quota(tenantPool), used(tenantPool), demand.getOrDefault(tenantPool, 0L));
    }

    private void computeShares() {
        var claimsByPool = new HashMap<PoolId, Map<TenantPool, FairShare.Claim>>();
        var owedByPool = new HashMap<PoolId, Long>();
        demand.forEach((tenantPool, wanted) -> {
            PoolQuota quota = book.quota(tenantPool);
            owedByPool.merge(tenantPool.pool(), Math.min(wanted, quota.guaranteed()), Long::sum);
            long toBorrow = Math.min(wanted - Math.min(wanted, quota.guaranteed()), quota.borrowingLimit());
            if (toBorrow > 0) {
                claimsByPool.computeIfAbsent(tenantPool.pool(), p -> new HashMap<>())
                        .put(tenantPool, new FairShare.Claim(Math.max(1, quota.guaranteed()), toBorrow));
            }
        });
        claimsByPool.forEach((pool, claims) -> {
            long surplus = capacity.capacityOf(pool) - owedByPool.getOrDefault(pool, 0L);
            shares.putAll(FairShare.waterFill(surplus, claims));
        });
    }
}
