package org.gantry.scheduler.control;

import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.QueueOrder;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.state.ClusterState;
import org.gantry.scheduler.policy.state.DurationKnowledge;
import org.gantry.scheduler.policy.state.PlacementCheck;
import org.gantry.scheduler.predict.JobFeatures;

/**
 * The cluster as the simulator and the benchmark keep it: a {@link ClusterState} their plans
 * change at once (a placement starts, a preemption releases and requeues with the service had),
 * with no records, entities or agents in between. {@link ClusterStateParityTest} drives it side
 * by side with the control plane's {@link ControlView}.
 */
final class SimulatorPath {
    private final ClusterState state;
    /** Estimates and outlooks, learned from the jobs that exit, as the simulator learns them. */
    private final DurationKnowledge knowledge;

    SimulatorPath(QueueOrder order, QuotaBook quotas) {
        this.state = new ClusterState(order);
        this.knowledge = DurationKnowledge.forOrder(order);
        state.setQuotas(quotas);
    }

    void addNode(NodeView node) {
        state.putNode(node);
    }

    void submit(JobId id, JobSpec spec, long submittedAt) {
        state.enqueue(pending(id, spec, submittedAt, 0));
    }

    Snapshot snapshot(long now) {
        return state.snapshot(now);
    }

    /** Applies the plan as the simulator does: preemptions first, then placements that fit. */
    void apply(Plan plan, Map<JobId, JobSpec> specs, Map<JobId, Long> submittedAt, long now) {
        state.requireCurrent(plan);
        for (Preemption preemption : plan.preemptions()) {
            requeue(preemption.victim(), specs, submittedAt, now);
        }
        for (Resize resize : plan.resizes()) {
            resize(resize, specs.get(resize.job()), now);
        }
        for (Placement placement : plan.placements()) {
            if (state.check(placement) == PlacementCheck.FITS) {
                PendingJob job = state.waiting(placement.job());
                JobSpec spec = specs.get(job.id());
                long checkpoint = spec.checkpoint() == null ? 0 : spec.checkpoint().intervalSeconds();
                state.start(new RunningJob(job.id(), job.owner(), job.gpus(), placement.allocation(), job.priority(),
                        job.preemptible(), now, now, checkpoint, now + job.estimatedSeconds(), false,
                        job.attainedGpuSeconds(), job.outlook()));
            }
        }
    }

    /**
     * A resize as production ends up after it: the stopped attempt's service counted, the next
     * one running at the new width from now (restarted from the checkpoint its stop wrote), never
     * queued in between.
     */
    private void resize(Resize resize, JobSpec spec, long now) {
        RunningJob stopped = state.release(resize.job());
        long checkpoint = spec.checkpoint() == null ? 0 : spec.checkpoint().intervalSeconds();
        state.start(new RunningJob(stopped.id(), stopped.owner(), stopped.gpus(), resize.to(), stopped.priority(),
                stopped.preemptible(), now, now, checkpoint, now + Math.max(1, spec.estimatedDuration().toSeconds()),
                false, stopped.attainedAt(now), stopped.outlook()));
    }

    /** The job ends at {@code now}; the durations it learns from are its last run's, as production's records tell them. */
    void exit(JobId id, JobSpec spec, long now) {
        RunningJob ended = state.release(id);
        knowledge.learn(features(spec), Math.max(1, now - ended.allocatedAt()));
    }

    /** The node takes no new work and what ran there waits again, with the service it had. */
    void loseNode(NodeId node, Map<JobId, JobSpec> specs, Map<JobId, Long> submittedAt, long now) {
        state.setSchedulable(node, false);
        List<JobId> there = state.running().stream().filter(job -> job.allocation().containsKey(node))
                .map(RunningJob::id).toList();
        there.forEach(id -> requeue(id, specs, submittedAt, now));
    }

    private void requeue(JobId id, Map<JobId, JobSpec> specs, Map<JobId, Long> submittedAt, long now) {
        RunningJob victim = state.release(id);
        state.enqueue(pending(id, specs.get(id), submittedAt.get(id), victim.attainedAt(now)));
    }

    /** Queued with what it is told of its duration now: its own estimate, else the learned one, and its outlook. */
    private PendingJob pending(JobId id, JobSpec spec, long submittedAt, double attained) {
        long estimated = spec.estimatedDuration() != null ? Math.max(1, spec.estimatedDuration().toSeconds())
                : knowledge.estimateSeconds(features(spec));
        return new PendingJob(id, new TenantPool(spec.tenant(), spec.pool()), spec.gpus(), spec.constraints(),
                submittedAt, estimated, spec.priority(), spec.preemptible(), attained,
                knowledge.outlook(features(spec)));
    }

    private static JobFeatures features(JobSpec spec) {
        return new JobFeatures(spec.tenant().value(), spec.name(), spec.gpus().min());
    }
}
