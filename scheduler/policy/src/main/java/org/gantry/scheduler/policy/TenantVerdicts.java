package org.gantry.scheduler.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.quota.TenantPool;

/**
 * Why the jobs a pass did not explain one by one wait. Once a tenant's job of {@code g} GPUs
 * cannot start for a reason that only gets worse with size, none of the tenant's jobs of
 * {@code g} or more behind it can start either (see {@link StartableTenants}); the walk skips
 * them, and this says why, as the walk would have said had it looked. A pass walks the queue up
 * to three times; the first walk that decided a job speaks for it.
 */
public final class TenantVerdicts {
    /**
     * From job {@code at} on, in queue order, the tenant's jobs of {@code fromGpus} GPUs or more
     * (without placement constraints) wait for {@code why}; a null {@code why} leaves them to a later
     * walk (set aside as borrowers, or refused for a fair share that was lifted).
     */
    record Decision(PendingJob at, int fromGpus, Explanation why, WaitFacts facts) {
        /** A decision without numbers to re-tell: later jobs are told {@code at}'s words. */
        Decision(PendingJob at, int fromGpus, Explanation why) {
            this(at, fromGpus, why, null);
        }

        /**
         * Why {@code job}, of {@code fromGpus} GPUs or more and behind {@link #at}, waits: the facts
         * told with its own size where they cover it, else {@code at}'s words.
         */
        Explanation explain(PendingJob job) {
            if (job.id().equals(at.id())) {
                return why;
            }
            // Words composed only when read: a pass tells hundreds of skipped jobs why they wait (speed).
            Explanation own = facts == null ? null : facts.explain(job);
            if (own == null) {
                Explanation like = Explanation.of(why.reason(), () -> "like job " + at.id() + " (" + at.gpus().min()
                        + " GPUs) ahead of it: " + why.message());
                return why.estimatedStart().isPresent() ? like.startingAt(why.estimatedStart().getAsLong()) : like;
            }
            return Explanation.of(own.reason(), () -> own.message() + "; job " + at.id() + " (" + at.gpus().min()
                    + " GPUs) of the same tenant, ahead of it, could not start either");
        }
    }

    /**
     * A walk's decisions for one tenant, in walk order (each from a smaller size than the one
     * before), with the queue key of each one's {@code at} worked out once: every job a walk
     * reaches is compared with them, and a key may cost a distribution lookup (the Gittins rank).
     */
    private record Decided(List<Decision> decisions, double[] atKeys) {}

    private final QueueOrder order;
    /** Per walk, per tenant, what it decided. */
    private final List<Map<TenantPool, Decided>> walks = new ArrayList<>(3);

    TenantVerdicts(QueueOrder order) {
        this.order = order;
    }

    /** What a walk decided, after what earlier walks decided. */
    void add(Map<TenantPool, List<Decision>> walk) {
        var decided = new HashMap<TenantPool, Decided>();
        walk.forEach((owner, decisions) -> decided.put(owner, new Decided(decisions,
                decisions.stream().mapToDouble(decision -> order.key(decision.at())).toArray())));
        walks.add(decided);
    }

    /** Leave the jobs any walk so far refused for this reason to a later walk (fair share lifted). */
    void undecide(PendingReason reason) {
        for (Map<TenantPool, Decided> walk : walks) {
            walk.replaceAll((owner, decided) -> new Decided(decided.decisions().stream()
                    .map(d -> d.why() != null && d.why().reason() == reason ? new Decision(d.at(), d.fromGpus(), null, d.facts()) : d)
                    .toList(), decided.atKeys()));
        }
    }

    /** Why the job waits, in its own numbers, if a walk decided it without explaining it; null otherwise. */
    Explanation of(PendingJob job) {
        Decision decision = decisionFor(job);
        return decision == null ? null : decision.explain(job);
    }

    /** The decision that covers the job, if a walk decided it without explaining it; null otherwise. */
    Decision decisionFor(PendingJob job) {
        if (!job.constraints().isEmpty()) {
            return null;
        }
        double key = Double.NaN; // worked out when a walk decided anything for the tenant
        for (Map<TenantPool, Decided> walk : walks) {
            Decided decided = walk.get(job.owner());
            if (decided == null) {
                continue;
            }
            if (Double.isNaN(key)) {
                key = order.key(job);
            }
            Decision latest = latestBefore(decided, job, key);
            if (latest != null && latest.why() != null && job.gpus().min() >= latest.fromGpus()) {
                return latest;
            }
        }
        return null;
    }

    /** The last decision taken before the walk reached {@code job} (decisions are in queue order). */
    private static Decision latestBefore(Decided decided, PendingJob job, double key) {
        for (int i = decided.decisions().size() - 1; i >= 0; i--) {
            Decision decision = decided.decisions().get(i);
            if (QueueOrder.compare(decision.at(), decided.atKeys()[i], job, key) < 0) {
                return decision;
            }
        }
        return null;
    }

    /** Per walk, per tenant, its decisions: what two verdicts are equal by. */
    private List<Map<TenantPool, List<Decision>>> decisions() {
        var decisions = new ArrayList<Map<TenantPool, List<Decision>>>();
        for (Map<TenantPool, Decided> walk : walks) {
            var byTenant = new HashMap<TenantPool, List<Decision>>();
            walk.forEach((owner, decided) -> byTenant.put(owner, decided.decisions()));
            decisions.add(byTenant);
        }
        return decisions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantVerdicts other && decisions().equals(other.decisions());
    }

    @Override
    public int hashCode() {
        return decisions().hashCode();
    }

    @Override
    public String toString() {
        return "TenantVerdicts" + decisions();
    }
}
