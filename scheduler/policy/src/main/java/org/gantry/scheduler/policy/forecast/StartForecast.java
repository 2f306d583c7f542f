package org.gantry.scheduler.policy.forecast;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.SchedulingPolicy;
import org.gantry.scheduler.policy.state.ClusterState;
import org.gantry.scheduler.policy.state.PlanApplier;

/**
 * Start-time estimates for waiting jobs: the queue as it stands, run forward on a private
 * {@link ClusterState} through the same policy, as the simulator replays a trace, with no new
 * arrivals and every duration told by {@link ForecastDurations}. Three runs give the point (medians)
 * and the 10–90 % range (every duration at its 10th, then its 90th percentile). A job the policy
 * preempts in a run is dropped from it (its restart is not forecast); a run stops once every
 * wanted job has started, nothing is left to end, or after {@code maxPasses} passes. Pure: it
 * touches nothing but its inputs, so it runs off the scheduling path (another thread, later).
 */
public final class StartForecast {
    /** Replans at one instant until nothing is preempted, as the simulator does. */
    private static final int MAX_PASSES_PER_INSTANT = 4;

    private StartForecast() {}

    /**
     * Estimates for the {@code wanted} waiting jobs (all of them when null) that start within the
     * runs' limits; a job missing from the answer has no estimate (it may never start).
     */
    public static Map<JobId, StartEstimate> estimate(FrozenCluster cluster, SchedulingPolicy policy,
                                                     ForecastDurations durations, Set<JobId> wanted, int maxPasses) {
        Map<JobId, Long> point = forward(cluster, policy, durations, 0.5, wanted, maxPasses);
        Map<JobId, Long> early = forward(cluster, policy, durations, 0.1, point.keySet(), maxPasses);
        Map<JobId, Long> late = forward(cluster, policy, durations, 0.9, point.keySet(), maxPasses);
        var estimates = new HashMap<JobId, StartEstimate>();
        point.forEach((job, start) -> {
            long earliest = Math.min(start, early.getOrDefault(job, start));
            long latest = Math.max(start, late.getOrDefault(job, Long.MAX_VALUE));
            estimates.put(job, new StartEstimate(start, earliest, latest));
        });
        return estimates;
    }

    /** When each wanted job starts if every duration is its {@code q}-quantile. */
    static Map<JobId, Long> forward(FrozenCluster cluster, SchedulingPolicy policy, ForecastDurations durations,
                                    double q, Set<JobId> wanted, int maxPasses) {
        ClusterState state = new ClusterState(policy.order());
        state.setQuotas(cluster.quotas());
        var ends = new PriorityQueue<Completion>(Comparator.comparingLong(Completion::at));
        load(cluster, state, durations, q, ends);
        var starts = new HashMap<JobId, Long>();
        int left = wanted == null ? cluster.pending().size() : wanted.size();
        long now = cluster.now();
        int passes = 0;
        while (left > 0 && !state.queue().isEmpty() && passes < maxPasses) {
            for (int pass = 0; pass < MAX_PASSES_PER_INSTANT && !state.queue().isEmpty(); pass++) {
                Plan plan = policy.plan(state.snapshot(now));
                passes++;
                var waited = new HashMap<JobId, PendingJob>(); // how each placed job waited: its duration's terms
                plan.placements().forEach(placement -> waited.put(placement.job(), state.waiting(placement.job())));
                // Refused decisions are left out: the policy's own checks keep them from happening.
                for (RunningJob started : PlanApplier.apply(state, plan, now, DROP_VICTIMS).started()) {
                    ends.add(new Completion(now + durations.duration(waited.get(started.id()), q), started.id()));
                    if (wanted == null || wanted.contains(started.id())) {
                        starts.put(started.id(), now);
                        left--;
                    }
                }
                if (plan.preemptions().isEmpty()) {
                    break;
                }
            }
            now = nextEnd(state, ends);
            if (now < 0) {
                break; // nothing left to end: whatever still waits starts in no run
            }
        }
        return starts;
    }

    /** The state the frozen cluster describes, each running job ending after its {@code q}-quantile of what is left. */
    private static void load(FrozenCluster cluster, ClusterState state, ForecastDurations durations, double q,
                             PriorityQueue<Completion> ends) {
        var heldByJobs = new HashMap<NodeId, GpuSet>();
        for (RunningJob job : cluster.running()) {
            job.allocation().forEach((node, gpus) -> heldByJobs.merge(node, gpus, GpuSet::union));
        }
        for (NodeView node : cluster.nodes()) {
            state.putNode(node);
            // GPUs taken by something other than a running job (a workload still stopping) stay taken.
            GpuSet others = node.gpus().minus(node.free()).minus(heldByJobs.getOrDefault(node.id(), GpuSet.EMPTY));
            if (!others.isEmpty()) {
                state.take(node.id(), others);
            }
        }
        for (RunningJob job : cluster.running()) {
            long end = cluster.now() + Math.max(1, durations.remaining(job, cluster.now(), q));
            state.hold(job);
            ends.add(new Completion(end, job.id()));
        }
        for (PendingJob job : cluster.pending()) {
            state.enqueue(job);
        }
    }

    /** Ends every job due at the next moment something ends, and returns it; -1 when nothing runs. */
    private static long nextEnd(ClusterState state, PriorityQueue<Completion> ends) {
        while (!ends.isEmpty() && state.running(ends.peek().job()) == null) {
            ends.poll(); // preempted in this run
        }
        if (ends.isEmpty()) {
            return -1;
        }
        long at = ends.peek().at();
        while (!ends.isEmpty() && ends.peek().at() == at) {
            state.release(ends.poll().job());
        }
        return at;
    }

    /** Forecast jobs never checkpoint, and a preempted one is dropped from the run: its restart is not forecast. */
    private static final PlanApplier.Terms DROP_VICTIMS = new PlanApplier.Terms(job -> 0, (victim, now) -> null);

    private record Completion(long at, JobId job) {}
}
