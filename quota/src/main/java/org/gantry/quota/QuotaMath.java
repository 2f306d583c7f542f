package org.gantry.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.Admission.Refusal;

/** The quota rules, as functions of plain numbers. */
public final class QuotaMath {
    private static final Admission GUARANTEED = new Admission.Guaranteed();
    private static final Admission NO_QUOTA = new Admission.Refused(Refusal.NO_QUOTA, "tenant has no quota in this pool");

    private QuotaMath() {}

    /**
     * May a tenant that holds {@code used} GPUs in a pool start a job of {@code request} more?
     *
     * @param borrowable idle GPUs in the pool that borrowing may take (the scheduler offers them
     *                   only after guaranteed work had its pick)
     */
    public static Admission admit(PoolQuota quota, int used, int request, boolean preemptible, long borrowable) {
        if (quota.limit() == 0) {
            return NO_QUOTA;
        }
        if (request > quota.limit()) {
            return new Admission.Refused(Refusal.LARGER_THAN_LIMIT,
                    () -> "asks " + request + " GPUs, more than the tenant's limit of " + quota.limit());
        }
        long after = (long) used + request;
        if (after <= quota.guaranteed()) {
            return GUARANTEED;
        }
        if (after > quota.limit()) {
            return new Admission.Refused(Refusal.ABOVE_LIMIT, () -> "tenant holds " + used + " GPUs; " + request
                    + " more would exceed its limit of " + quota.limit());
        }
        long toBorrow = after - Math.max(quota.guaranteed(), used);
        if (!preemptible) {
            return new Admission.Refused(Refusal.NOT_PREEMPTIBLE, () -> "would borrow " + toBorrow
                    + " GPUs above the guarantee of " + quota.guaranteed()
                    + ", and a non-preemptible job runs only within the guarantee");
        }
        if (toBorrow > borrowable) {
            return new Admission.Refused(Refusal.NO_IDLE_CAPACITY, () -> "would borrow " + toBorrow
                    + " GPUs above the guarantee of " + quota.guaranteed() + ", but only " + Math.max(0, borrowable)
                    + " GPUs of the pool are idle");
        }
        return new Admission.Borrowing((int) toBorrow);
    }

    /** The part of {@code used} that falls within the guarantee. */
    public static int guaranteedPart(PoolQuota quota, int used) {
        return Math.min(used, quota.guaranteed());
    }

    /** The part of {@code used} above the guarantee: borrowed, and so reclaimable. */
    public static int borrowedPart(PoolQuota quota, int used) {
        return used - guaranteedPart(quota, used);
    }

    /**
     * GPUs a tenant is owed now: what its guarantee would cover of its demand (held plus
     * waiting) beyond what it already holds. While some tenant is owed GPUs, borrowed ones may be reclaimed.
     */
    public static long unmetGuarantee(PoolQuota quota, int used, long demand) {
        return Math.max(0, Math.min(quota.guaranteed(), demand) - used);
    }

    /** Pools whose guarantees add up to more GPUs than the pool has: a promise that cannot be kept. */
    public static List<Overcommitment> overcommitted(Map<PoolId, Integer> capacity, QuotaBook book) {
        var found = new ArrayList<Overcommitment>();
        for (PoolId pool : book.pools()) {
            long guaranteed = book.guaranteedIn(pool);
            int gpus = capacity.getOrDefault(pool, 0);
            if (guaranteed > gpus) {
                found.add(new Overcommitment(pool, guaranteed, gpus));
            }
        }
        return found;
    }
}
