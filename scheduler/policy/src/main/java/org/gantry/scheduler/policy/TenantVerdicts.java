package org.gantry.scheduler.policy;

import java.util.ArrayList;
import java.util.Comparator;
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

    private final Comparator<PendingJob> order;
    /** Per walk, per tenant, its decisions in walk order (each from a smaller size than the one before). */
    private final List<Map<TenantPool, List<Decision>>> walks = new ArrayList<>(3);

    TenantVerdicts(Comparator<PendingJob> order) {
        this.order = order;
    }

    /** What a walk decided, after what earlier walks decided. */
    void add(Map<TenantPool, List<Decision>> walk) {
        walks.add(walk);
    }

    /** Leave the jobs any walk so far refused for this reason to a later walk (fair share lifted). */
    void undecide(PendingReason reason) {
        for (Map<TenantPool, List<Decision>> walk : walks) {
            walk.replaceAll((owner, decisions) -> decisions.stream()
                    .map(d -> d.why() != null && d.why().reason() == reason ? new Decision(d.at(), d.fromGpus(), null, d.facts()) : d)
                    .toList());
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
        for (Map<TenantPool, List<Decision>> walk : walks) {
            Decision latest = latestBefore(walk.getOrDefault(job.owner(), List.of()), job);
            if (latest != null && latest.why() != null && job.gpus().min() >= latest.fromGpus()) {
                return latest;
            }
        }
        return null;
    }

    /** The last decision taken before the walk reached {@code job} (decisions are in queue order). */
    private Decision latestBefore(List<Decision> decisions, PendingJob job) {
        for (int i = decisions.size() - 1; i >= 0; i--) {
            if (order.compare(decisions.get(i).at(), job) < 0) {
                return decisions.get(i);
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantVerdicts other && walks.equals(other.walks);
    }

    @Override
    public int hashCode() {
        return walks.hashCode();
    }

    @Override
    public String toString() {
        return "TenantVerdicts" + walks;
    }
}
