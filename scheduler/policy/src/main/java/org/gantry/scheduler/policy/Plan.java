package org.gantry.scheduler.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.gantry.api.job.JobId;

/**
 * What a pass decided, stamped with the version of the snapshot it was computed on, so that a
 * plan that arrives after the world moved on is refused instead of double-booking a GPU.
 *
 * <p>The pass explains each job it examined. It stops walking the queue once nothing else can
 * start, so the jobs behind that point share one explanation, {@link #notReached}.
 */
public record Plan(long snapshotVersion, List<Placement> placements, List<Preemption> preemptions,
                   List<Resize> resizes, Map<JobId, Explanation> explanations, TenantVerdicts verdicts,
                   Explanation notReached, NeverFits neverFits) {
    public Plan {
        placements = List.copyOf(placements);
        preemptions = List.copyOf(preemptions);
        resizes = List.copyOf(resizes);
        explanations = Collections.unmodifiableMap(explanations); // the pass hands over a map nobody else holds
    }

    /**
     * Why a job left pending by this plan waits, with its own numbers. Every pending job has one;
     * a job that can never start is told so whatever stopped the pass before it.
     */
    public Explanation explain(PendingJob job) {
        Explanation why = explanations.get(job.id());
        if (why != null) {
            return why;
        }
        why = neverFits.check(job);
        if (why == null) {
            why = verdicts.of(job);
        }
        return why != null ? why : new Explanation(notReached.reason(), "needs " + job.gpus().min() + " GPUs in pool "
                + job.owner().pool() + "; " + notReached.message(), notReached.estimatedStart());
    }

    /**
     * Why a job the pass looked at waits ({@link #notReached} for the others): jobs of tenants that
     * could start nothing more are not looked at one by one, so ask {@link #explain(PendingJob)}.
     */
    public Explanation explain(JobId job) {
        return explanations.getOrDefault(job, notReached);
    }

    public boolean isEmpty() {
        return placements.isEmpty() && preemptions.isEmpty() && resizes.isEmpty();
    }
}
