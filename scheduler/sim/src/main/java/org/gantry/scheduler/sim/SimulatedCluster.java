package org.gantry.scheduler.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.state.AppliedPlan;
import org.gantry.scheduler.policy.state.ClusterState;
import org.gantry.scheduler.policy.state.DurationKnowledge;
import org.gantry.scheduler.policy.state.PlanApplier;
import org.gantry.scheduler.predict.JobFeatures;

/**
 * The part of the simulator that reacts to events, on the {@link ClusterState} the scheduler
 * actor keeps: a job arrives and waits, jobs finish when their work is done, a node is lost and
 * what ran there waits again, and a scheduling moment plans and applies plans through
 * {@link PlanApplier}. {@link Simulation} drives it from a trace on a virtual clock; a test may
 * drive it event by event beside the control plane. Every refused decision is a policy bug and
 * is counted as a violation.
 */
public final class SimulatedCluster {
    /** Replans at one instant until the plan is empty; preemptions need a second pass to place. */
    private static final int MAX_PASSES_PER_INSTANT = 4;

    private final SimulationConfig config;
    private final SimPolicy policy;
    /** Estimates and outlooks (the Gittins order, calibration), learned as production learns them. */
    private final DurationKnowledge knowledge;
    /** Nodes, taken GPUs, running and waiting jobs, usage: kept as the scheduler actor keeps them. */
    private final ClusterState state;
    private final Map<JobId, SimJob> jobs = new HashMap<>();
    /** Ends of runs: {when, arrival index, run}; a run preempted since is ignored when its end comes. */
    private final PriorityQueue<long[]> completions = new PriorityQueue<>(Comparator.comparingLong(e -> e[0]));
    private final List<SimJob> byArrival = new ArrayList<>();
    /**
     * One owner per trace tenant, shared by its jobs and the quota book (speed): a pass looks
     * tenants up in hash maps for every job it walks, and a shared key is found by identity,
     * without comparing names.
     */
    private final Map<String, TenantPool> owners = new HashMap<>();
    private final Map<TenantPool, TenantPool> sharedOwners = new HashMap<>();
    /** How the simulator's jobs start and stop: its checkpoint interval; a victim waits again with its losses. */
    private final PlanApplier.Terms terms;

    private long preemptions;
    private long capacityViolations;
    private long doubleAllocations;
    private long quotaViolations;
    private double busyGpuSeconds;

    /** The config's nodes ({@code node-0}, {@code node-1}, ...), all schedulable, with these quotas. */
    SimulatedCluster(SimulationConfig config, SimPolicy policy, DurationKnowledge knowledge, QuotaBook quotas) {
        this.config = config;
        this.policy = policy;
        this.knowledge = knowledge;
        this.state = new ClusterState(policy.policy().order());
        this.terms = new PlanApplier.Terms(job -> config.checkpointIntervalSeconds(), this::preempted);
        state.setQuotas(quotas);
        quotas.granted().keySet().forEach(owner -> sharedOwners.put(owner, owner));
        ClusterShape shape = config.cluster();
        GpuSet all = GpuSet.firstN(shape.gpusPerNode());
        for (int i = 0; i < shape.nodes(); i++) {
            state.putNode(new NodeView(NodeId.of("node-" + i), PoolId.DEFAULT, "sim", 81_920, Map.of(), true, all, all));
        }
    }

    /** A cluster with production's predictor for the policy ({@link DurationKnowledge#forOrder}). */
    public static SimulatedCluster of(SimulationConfig config, SimPolicy policy, QuotaBook quotas) {
        return new SimulatedCluster(config, policy, DurationKnowledge.forOrder(policy.policy().order()), quotas);
    }

    /** The job arrives (at its submit time) and waits, told what the predictor (or, for an oracle, the truth) says of it. */
    public void arrive(TraceJob traceJob) {
        add(traceJob);
    }

    /** Adds the job; returns it, or null when it is larger than the cluster (it never runs, and stays unfinished). */
    SimJob add(TraceJob traceJob) {
        TenantPool owner = ownerOf(traceJob);
        SimJob job = new SimJob(traceJob, byArrival.size(), owner);
        jobs.put(job.id, job);
        byArrival.add(job);
        if (traceJob.gpus() > config.cluster().totalGpus()) {
            return null;
        }
        job.predictedAtSubmit = estimatedRemaining(job, 0);
        job.outlook = knowledge.outlook(features(traceJob));
        job.quantilesAtSubmit = DurationCalibration.quantilesAtSubmit(job.outlook);
        state.enqueue(job.toPending(job.predictedAtSubmit));
        return job;
    }

    /** A job yet to arrive as it would wait now, told what the predictor knows now (a diagnosis of forecasts). */
    PendingJob foreseen(TraceJob traceJob) {
        TenantPool owner = ownerOf(traceJob);
        var features = features(traceJob);
        return new PendingJob(JobId.of(traceJob.id()), owner, GpuRequest.fixed(traceJob.gpus()), PlacementConstraints.EMPTY,
                traceJob.submitSeconds(), Math.max(1, policy.oracle() ? traceJob.durationSeconds()
                        : knowledge.estimateRemainingSeconds(features, 0)), 0, true, 0, knowledge.outlook(features));
    }

    /** The trace tenant's one owner, shared with the quota book where it has a grant. */
    private TenantPool ownerOf(TraceJob traceJob) {
        return owners.computeIfAbsent(traceJob.tenant(), tenant -> sharedOwners.computeIfAbsent(
                new TenantPool(TenantId.of(SimNames.tenant(tenant)), PoolId.DEFAULT), same -> same));
    }

    /** When the next run ends, or {@link Long#MAX_VALUE} when none runs. */
    public long nextCompletion() {
        return completions.isEmpty() ? Long.MAX_VALUE : completions.peek()[0];
    }

    /** Ends the runs due at {@code now} whose work is done; returns the jobs that finished. */
    public List<JobId> finishDue(long now) {
        var finished = new ArrayList<JobId>();
        while (!completions.isEmpty() && completions.peek()[0] == now) {
            long[] event = completions.poll();
            SimJob job = byArrival.get((int) event[1]);
            if (job.run == (int) event[2] && job.isRunning()) { // else the end of a run preempted since
                release(job, now);
                job.remainingSeconds = 0;
                job.finish = now;
                knowledge.learn(features(job.trace), job.trace.durationSeconds());
                finished.add(job.id);
            }
        }
        return finished;
    }

    /**
     * The node is lost: it takes no new work, and the jobs that ran there wait again, having lost
     * the work since their last checkpoint, as after a preemption. Returns them as they wait.
     */
    public List<PendingJob> loseNode(NodeId node, long now) {
        state.setSchedulable(node, false);
        List<JobId> there = state.running().stream().filter(job -> job.allocation().containsKey(node))
                .map(RunningJob::id).toList();
        var requeued = new ArrayList<PendingJob>();
        for (JobId id : there) {
            PendingJob again = waitAgain(state.release(id), now);
            state.enqueue(again);
            requeued.add(again);
        }
        return requeued;
    }

    /** A scheduling moment, without watching its passes. */
    public void schedule(long now) {
        schedule(now, (snapshot, plan) -> {});
    }

    /**
     * A scheduling moment: passes until nothing is preempted (at most four), each planning on a
     * fresh snapshot; {@code watcher} sees each snapshot and plan before the plan is applied.
     */
    public void schedule(long now, BiConsumer<Snapshot, Plan> watcher) {
        for (int pass = 0; pass < MAX_PASSES_PER_INSTANT && !state.queue().isEmpty(); pass++) {
            state.refreshOverrunning(now, running -> estimatedRemaining(jobs.get(running.id()),
                    now - running.allocatedAt()));
            Snapshot snapshot = state.snapshot(now);
            Plan plan = policy.policy().plan(snapshot);
            watcher.accept(snapshot, plan);
            AppliedPlan applied = PlanApplier.apply(state, plan, now, terms);
            applied.refused().forEach(this::countViolation);
            applied.started().forEach(started -> started(started, now));
            if (plan.preemptions().isEmpty()) {
                return;
            }
        }
    }

    /**
     * What the policy is told a job has left to run: the truth for the oracle; otherwise the
     * predictor's estimate given how long the job has run so far, the same as production would.
     */
    private long estimatedRemaining(SimJob job, long runningFor) {
        if (policy.oracle()) {
            return Math.max(1, job.remainingSeconds - runningFor);
        }
        return knowledge.estimateRemainingSeconds(features(job.trace), job.doneSeconds() + runningFor);
    }

    /**
     * A decision the state refused is a policy bug, counted by kind: a GPU given twice (or a job
     * started or stopped twice), a GPU or width the cluster or job does not have (trace jobs are
     * not elastic, so any resize of one), a tenant above its limit.
     */
    private void countViolation(AppliedPlan.Refusal refusal) {
        switch (refusal.why()) {
            case NOT_WAITING, TAKEN, NOT_RUNNING -> doubleAllocations++;
            case UNKNOWN_NODE, NOT_ON_NODE, NOT_SCHEDULABLE, WRONG_SIZE -> capacityViolations++;
            case OVER_LIMIT -> quotaViolations++;
            case FITS -> throw new IllegalStateException("a fitting decision was refused: " + refusal);
        }
    }

    /** The job started on the state's GPUs: its run ends when its remaining work is done. */
    private void started(RunningJob started, long now) {
        SimJob job = jobs.get(started.id());
        job.allocation = started.allocation();
        job.allocatedAt = now;
        job.run++;
        if (job.firstStart < 0) {
            job.firstStart = now;
        }
        completions.add(new long[] {now + job.remainingSeconds, job.arrivalIndex, job.run});
    }

    private PendingJob preempted(RunningJob victim, long now) {
        preemptions++;
        jobs.get(victim.id()).preemptions++;
        return waitAgain(victim, now);
    }

    /**
     * A stopped run (already released): the work since its last checkpoint is lost and the
     * restart costs the overhead on top; the job waits again with the service it had.
     */
    private PendingJob waitAgain(RunningJob stopped, long now) {
        SimJob job = jobs.get(stopped.id());
        long ran = now - stopped.allocatedAt();
        long lost = now - stopped.lastCheckpointAt(now);
        account(job, now);
        job.remainingSeconds = job.remainingSeconds - ran + lost + config.restartOverheadSeconds();
        job.run++;
        job.outlook = knowledge.outlook(features(job.trace));
        return job.toPending(estimatedRemaining(job, 0));
    }

    private void release(SimJob job, long now) {
        state.release(job.id);
        account(job, now);
    }

    /** The job's run ends now: its GPU-seconds count as busy and as its service. */
    private void account(SimJob job, long now) {
        long ran = now - job.allocatedAt;
        busyGpuSeconds += (double) ran * job.trace.gpus();
        job.attainedGpuSeconds += (double) ran * job.trace.gpus();
        job.allocation = Map.of();
    }

    /** The state as a pass would see it now; each call is a new version. */
    public Snapshot snapshot(long now) {
        return state.snapshot(now);
    }

    /** Whether nothing runs: with nothing left to arrive, whatever still waits never starts. */
    boolean idle() {
        return state.running().isEmpty();
    }

    boolean waiting() {
        return !state.queue().isEmpty();
    }

    SimJob job(JobId id) {
        return jobs.get(id);
    }

    List<SimJob> byArrival() {
        return byArrival;
    }

    long preemptions() {
        return preemptions;
    }

    long capacityViolations() {
        return capacityViolations;
    }

    long doubleAllocations() {
        return doubleAllocations;
    }

    long quotaViolations() {
        return quotaViolations;
    }

    double busyGpuSeconds() {
        return busyGpuSeconds;
    }

    private static JobFeatures features(TraceJob job) {
        return new JobFeatures(job.tenant(), job.name(), job.gpus());
    }
}
