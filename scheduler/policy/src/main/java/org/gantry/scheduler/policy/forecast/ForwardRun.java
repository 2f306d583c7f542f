package org.gantry.scheduler.policy.forecast;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.SchedulingPolicy;
import org.gantry.scheduler.policy.state.ClusterState;
import org.gantry.scheduler.policy.state.PlanApplier;

/**
 * One run of {@link StartForecast}: the frozen cluster on a private {@link ClusterState}, every
 * duration at one quantile, the expected arrivals queued as they come, until the wanted jobs have
 * started. A job the policy preempts waits again with the work it had left (checkpoint losses
 * are not forecast), so a preemption delays its victim instead of freeing its GPUs for good.
 */
final class ForwardRun {
    /** Replans at one instant until nothing is preempted, as the simulator does. */
    private static final int MAX_PASSES_PER_INSTANT = 4;
    /**
     * The most expected arrivals one run queues; after them it expects no more, so a job that
     * starts later is told a start that leaves out later arrivals ranking ahead of it. Ten windows
     * of {@link ArrivalHistory#DEFAULT_MAX_JOBS}: far more than a Philly forecast queues (at most
     * about 5,500 at 56x8), and a bound on the heap a run fills however fast the window says jobs come.
     */
    static final int MAX_EXPECTED_ARRIVALS = 10 * ArrivalHistory.DEFAULT_MAX_JOBS;

    private final SchedulingPolicy policy;
    private final ForecastDurations durations;
    private final double q;
    private final ClusterState state;
    private final PriorityQueue<Completion> ends = new PriorityQueue<>(Comparator.comparingLong(Completion::at));
    /** When each job running in this run ends; a completion of an earlier, preempted run is stale. */
    private final Map<JobId, Long> endOf = new HashMap<>();
    /** How each job that waited in this run was queued: what it waits as again when preempted. */
    private final Map<JobId, PendingJob> queuedAs = new HashMap<>();
    /** The work a preempted job had left in this run, which it runs when it starts again. */
    private final Map<JobId, Long> leftAfterPreemption = new HashMap<>();
    private final PlanApplier.Terms terms;

    ForwardRun(FrozenCluster cluster, SchedulingPolicy policy, ForecastDurations durations, double q) {
        this.policy = policy;
        this.durations = durations;
        this.q = q;
        this.state = new ClusterState(policy.order());
        this.terms = new PlanApplier.Terms(job -> 0, this::waitAgain);
        state.setQuotas(cluster.quotas());
        load(cluster);
    }

    /** When each wanted job first starts, within {@code maxPasses} passes. */
    Map<JobId, Long> starts(long from, RecentArrivals arrivals, Set<JobId> wanted, int maxPasses) {
        var starts = new HashMap<JobId, Long>();
        int left = wanted.size();
        long now = from;
        RecentArrivals.Replay expected = arrivals.replayFrom(from, MAX_EXPECTED_ARRIVALS);
        int passes = 0;
        while (left > 0 && !state.queue().isEmpty() && passes < maxPasses) {
            for (int pass = 0; pass < MAX_PASSES_PER_INSTANT && !state.queue().isEmpty(); pass++) {
                Plan plan = policy.plan(state.snapshot(now));
                passes++;
                plan.placements().forEach(placement -> queuedAs.put(placement.job(), state.waiting(placement.job())));
                // Refused decisions are left out: the policy's own checks keep them from happening.
                for (RunningJob started : PlanApplier.apply(state, plan, now, terms).started()) {
                    Long resumed = leftAfterPreemption.remove(started.id());
                    endAt(now + (resumed != null ? resumed : durations.duration(queuedAs.get(started.id()), q)),
                            started.id());
                    if (wanted.contains(started.id()) && starts.putIfAbsent(started.id(), now) == null) {
                        left--;
                    }
                }
                if (plan.preemptions().isEmpty()) {
                    break;
                }
            }
            long end = nextEnd();
            if (end < 0) {
                break; // nothing runs: whatever still waits did not start on an idle cluster, so starts in no run
            }
            now = Math.min(end, expected.nextAt());
            releaseDue(now);
            while (expected.nextAt() <= now) {
                state.enqueue(expected.take());
            }
        }
        return starts;
    }

    /** The state the frozen cluster describes, each running job ending after its {@code q}-quantile of what is left. */
    private void load(FrozenCluster cluster) {
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
            state.hold(job);
            endAt(cluster.now() + Math.max(1, durations.remaining(job, cluster.now(), q)), job.id());
        }
        state.enqueueAllInOrder(cluster.pending()); // the scheduler's queue, copied in its order
    }

    private void endAt(long at, JobId job) {
        endOf.put(job, at);
        ends.add(new Completion(at, job));
    }

    /** When something running ends next; -1 when nothing runs. */
    private long nextEnd() {
        while (!ends.isEmpty() && !current(ends.peek())) {
            ends.poll(); // the end of a run preempted since
        }
        return ends.isEmpty() ? -1 : ends.peek().at();
    }

    /** Ends every job due at {@code now}. */
    private void releaseDue(long now) {
        while (!ends.isEmpty() && ends.peek().at() <= now) {
            Completion due = ends.poll();
            if (current(due)) {
                state.release(due.job());
                endOf.remove(due.job());
            }
        }
    }

    private boolean current(Completion end) {
        Long at = endOf.get(end.job());
        return at != null && at == end.at() && state.running(end.job()) != null;
    }

    /**
     * A preempted job waits again with the work this run gave it left and the service it had; one
     * that was running when the cluster froze keeps no placement constraints here (a forecast's guess).
     */
    private PendingJob waitAgain(RunningJob victim, long now) {
        long left = Math.max(1, endOf.getOrDefault(victim.id(), now + 1) - now);
        endOf.remove(victim.id());
        leftAfterPreemption.put(victim.id(), left);
        PendingJob before = queuedAs.get(victim.id());
        double attained = victim.attainedBefore() + (double) victim.gpuCount() * (now - victim.allocatedAt());
        return new PendingJob(victim.id(), victim.owner(), victim.gpus(),
                before == null ? PlacementConstraints.EMPTY : before.constraints(),
                before == null ? victim.allocatedAt() : before.submittedAt(), left, victim.priority(),
                victim.preemptible(), attained, victim.outlook());
    }

    private record Completion(long at, JobId job) {}
}
