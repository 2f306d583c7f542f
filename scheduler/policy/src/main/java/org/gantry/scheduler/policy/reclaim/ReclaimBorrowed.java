package org.gantry.scheduler.policy.reclaim;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.gantry.quota.QuotaMath;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.RunningJobs;

/**
 * A tenant waiting within its guarantee takes back GPUs other tenants borrowed. A tenant's newest
 * allocations are its borrowed ones (older work keeps its guarantee); once a tenant no longer
 * borrows, none of its jobs is taken. A job that straddles its tenant's guarantee counts as
 * borrowed and is taken whole, as in Kueue: jobs are not split.
 */
public record ReclaimBorrowed() implements VictimRule {
    /**
     * Which running jobs are borrowed work in this pass: per borrowing tenant, its newest jobs down
     * to the oldest one that still covers what it borrows ({@code oldest}, without the suspending
     * ones), and how many GPUs each tenant still borrows. A boundary rather than a set of ids or a
     * list: a reclaiming pass asks about the ~10,000 jobs the borrowers' newest allocations cover,
     * and reads them once, straight from the running jobs' index (see {@link #victims}).
     *
     * @param oldest per borrowing tenant, in the order the usage ledger lists them
     */
    private record Borrowed(Map<TenantPool, RunningJob> oldest, Map<TenantPool, Integer> left, RunningJobs running) {
        /** Each borrowing tenant's jobs from its newest down to its oldest borrowed one, the suspending ones left out. */
        Iterable<RunningJob> victims() {
            return () -> new Iterator<>() {
                private final Iterator<Map.Entry<TenantPool, RunningJob>> owners = oldest.entrySet().iterator();
                private Iterator<RunningJob> owned = Collections.emptyIterator();
                private RunningJob next = advance();

                private RunningJob advance() {
                    while (true) {
                        while (owned.hasNext()) {
                            RunningJob job = owned.next();
                            if (!job.suspending()) {
                                return job;
                            }
                        }
                        if (!owners.hasNext()) {
                            return null;
                        }
                        Map.Entry<TenantPool, RunningJob> owner = owners.next();
                        owned = running.newestFirst(owner.getKey()).headSet(owner.getValue(), true).iterator();
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public RunningJob next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    RunningJob current = next;
                    next = advance();
                    return current;
                }
            };
        }

        boolean contains(RunningJob victim, RunningJobs running) {
            // A job's owner never changes, so a tenant that borrows nothing rules its jobs out before
            // the lookup by id (a reclaim asks about ~10,000 victims, several times each).
            RunningJob last = oldest.get(victim.owner());
            if (last == null) {
                return false;
            }
            RunningJob indexed = running.get(victim.id());
            if (indexed == null || indexed.suspending()) {
                return false;
            }
            return RunningJobs.newestFirstOrder().compare(indexed, last) <= 0;
        }
    }

    @Override
    public boolean allows(RunningJob victim, PendingJob job, boolean withinGuarantee, PassState state) {
        if (!withinGuarantee) {
            return false; // before the borrowed jobs are worked out, which a pass may not need
        }
        return !victim.owner().tenant().equals(job.owner().tenant()) && isBorrowed(victim, state);
    }

    @Override
    public boolean mayVictimize(RunningJob victim, PassState state) {
        return borrowed(state).contains(victim, state.snapshot().running());
    }

    @Override
    public Iterable<RunningJob> victims(PassState state) {
        return borrowed(state).victims();
    }

    /** Only work within its guarantee reclaims. */
    @Override
    public boolean mayAllowAny(PendingJob job, boolean withinGuarantee) {
        return withinGuarantee;
    }

    @Override
    public boolean mayBenefit(PendingJob job, boolean withinGuarantee, PassState state) {
        return withinGuarantee && mayAct(state);
    }

    /** Depends only on the job's tenant and guarantee. */
    @Override
    public Object entitlement(PendingJob job, PassState state) {
        return Boolean.TRUE;
    }

    @Override
    public String code() {
        return "reclaim_borrowed";
    }

    @Override
    public String why(RunningJob victim, PendingJob job) {
        return "reclaiming GPUs tenant " + victim.owner().tenant() + " borrowed";
    }

    /** Whether the victim's GPUs are borrowed work (its tenant's newest allocations above the guarantee). */
    public boolean isBorrowed(RunningJob victim, PassState state) {
        Borrowed borrowed = borrowed(state);
        return borrowed.contains(victim, state.snapshot().running()) && borrowed.left.getOrDefault(victim.owner(), 0) > 0;
    }

    /** Some tenant borrows in a pool where another is owed GPUs: from the usage ledger, without looking at jobs. */
    @Override
    public boolean mayAct(PassState state) {
        for (var usage : state.snapshot().usage().asMap().entrySet()) {
            TenantPool owner = usage.getKey();
            if (QuotaMath.borrowedPart(state.quota().quota(owner), usage.getValue()) > 0
                    && state.quota().unmetGuarantees(owner.pool()) > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void preempted(RunningJob victim, PassState state) {
        borrowed(state).left.merge(victim.owner(), -victim.gpuCount(), Integer::sum);
    }

    private Borrowed borrowed(PassState state) {
        return state.memo(this, ReclaimBorrowed::classify);
    }

    /** Each borrowing tenant's newest jobs, from its newest down, until they cover what it borrows. */
    private static Borrowed classify(PassState state) {
        var oldest = new LinkedHashMap<TenantPool, RunningJob>(); // victims come in the ledger's order
        var left = new HashMap<TenantPool, Integer>();
        state.snapshot().usage().asMap().forEach((owner, used) -> {
            int borrowed = QuotaMath.borrowedPart(state.quota().quota(owner), used);
            left.put(owner, borrowed);
            RunningJob last = null;
            for (RunningJob running : state.snapshot().running().newestFirst(owner)) {
                if (borrowed <= 0) {
                    break;
                }
                if (!running.suspending()) {
                    last = running;
                    borrowed -= running.gpuCount();
                }
            }
            if (last != null) {
                oldest.put(owner, last);
            }
        });
        return new Borrowed(oldest, left, state.snapshot().running());
    }
}
