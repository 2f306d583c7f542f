package org.gantry.scheduler.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.service.SubmitPreview;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.SchedulingPolicy;

/**
 * A dry run: what the policy would do with a job submitted now. The job joins the queue for one
 * pass, planned and never applied, so the answer comes from the same code the real passes run
 * and holds as long as nothing else changes.
 */
final class SubmitPreviews {
    private SubmitPreviews() {}

    static SubmitPreview of(ControlView view, JobSpec spec, TenantId tenant, SchedulingPolicy policy, long now) {
        JobId probe = JobId.of("dry-run-" + now);
        PendingJob pending = new PendingJob(probe, new TenantPool(tenant, spec.pool()), spec.demand(),
                spec.constraints(), now, view.estimatedSeconds(spec, tenant), spec.priority(), spec.preemptible(), 0,
                view.outlook(spec, tenant));
        Plan plan = view.withProbe(pending, () -> policy.plan(view.snapshot(now)));
        for (Placement placement : plan.placements()) {
            if (placement.job().equals(probe)) {
                Map<NodeId, List<Integer>> gpus = Allocations.toLists(placement.allocation());
                return new SubmitPreview(tenant, spec.pool(), gpus.values().stream().mapToInt(List::size).sum(), true,
                        gpus, null, placement.borrowing()
                                ? "it would start now, borrowing idle GPUs beyond its tenant's guarantee"
                                : "it would start now", Instant.ofEpochSecond(now));
            }
        }
        Explanation why = plan.explain(pending); // its own numbers, and NEVER_FITS before anything else
        if (why == null) {
            return new SubmitPreview(tenant, spec.pool(), spec.demand().min(), false, Map.of(), null,
                    "it would wait for the next pass", null);
        }
        Instant start = why.estimatedStart().isEmpty() ? null : Instant.ofEpochSecond(why.estimatedStart().getAsLong());
        return new SubmitPreview(tenant, spec.pool(), spec.demand().min(), false, Map.of(), why.reason().name(),
                why.message(), start);
    }
}
