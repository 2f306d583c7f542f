package org.gantry.scheduler.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.DoubleConsumer;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.forecast.ForecastDurations;
import org.gantry.scheduler.policy.forecast.FrozenCluster;
import org.gantry.scheduler.policy.forecast.StartEstimate;
import org.gantry.scheduler.policy.forecast.StartForecast;
import org.gantry.scheduler.policy.state.AppliedPlan;
import org.gantry.scheduler.policy.state.ClusterState;
import org.gantry.scheduler.policy.state.DurationKnowledge;
import org.gantry.scheduler.policy.state.PlanApplier;
import org.gantry.scheduler.predict.DurationPredictor;
import org.gantry.scheduler.predict.JobFeatures;

/**
 * A discrete-event replay of a trace through one policy, on a virtual clock. At every moment
 * something happens (jobs arrive or finish, or a tick for policies that preempt), it builds a
 * {@link Snapshot}, asks the policy for a {@link Plan} and applies it, exactly as the scheduler
 * actor does, on the same {@link ClusterState}. Every plan is checked before it is applied: a GPU
 * given twice, a GPU a node does not have, or a tenant above its limit is counted as a violation
 * (and the offending placement refused), so a bug in the policy shows in the results instead of
 * silently bending them.
 */
public final class Simulation {
    /** Replans at one instant until the plan is empty; preemptions need a second pass to place. */
    private static final int MAX_PASSES_PER_INSTANT = 4;
    /** A bound on one forecast's passes, so an estimate never costs more than a slice of a replay. */
    private static final int MAX_FORECAST_PASSES = 20_000;

    private final SimulationConfig config;
    private final SimPolicy policy;
    private final List<TraceJob> trace;
    /** Estimates and outlooks (the Gittins order, calibration), learned as production learns them. */
    private final DurationKnowledge knowledge;

    /** Nodes, taken GPUs, running and waiting jobs, usage: kept as the scheduler actor keeps them. */
    private final ClusterState state;
    private final Map<JobId, SimJob> jobs = new HashMap<>();
    private final PriorityQueue<long[]> completions = new PriorityQueue<>(Comparator.comparingLong(e -> e[0]));
    private final List<SimJob> byArrival = new ArrayList<>();

    /** Every how many submits a start is estimated and later scored (0: none). */
    private int estimateStartsEvery;
    private final List<SimJob> arrivedNow = new ArrayList<>();

    private long preemptions;
    private long capacityViolations;
    private long doubleAllocations;
    private long quotaViolations;
    private double busyGpuSeconds;

    public Simulation(SimulationConfig config, SimPolicy policy, Trace trace, DurationPredictor predictor) {
        this(config, policy, trace, new DurationKnowledge(predictor));
    }

    private Simulation(SimulationConfig config, SimPolicy policy, Trace trace, DurationKnowledge knowledge) {
        this.config = config;
        this.policy = policy;
        this.trace = trace.jobs();
        this.knowledge = knowledge;
        this.state = new ClusterState(policy.policy().order());
        state.setQuotas(config.quota().quotasFor(trace, config.cluster()));
        ClusterShape shape = config.cluster();
        GpuSet all = GpuSet.firstN(shape.gpusPerNode());
        for (int i = 0; i < shape.nodes(); i++) {
            state.putNode(new NodeView(NodeId.of("node-" + i), PoolId.DEFAULT, "sim", 81_920, Map.of(), true, all, all));
        }
    }

    /**
     * A replay with production's predictor ({@link DurationKnowledge#forOrder}, as the scheduler
     * actor chooses it).
     */
    public static Simulation withPredictor(SimulationConfig config, SimPolicy policy, Trace trace) {
        return new Simulation(config, policy, trace, DurationKnowledge.forOrder(policy.policy().order()));
    }

    /**
     * Estimate the start of every {@code every}-th submitted job as production would tell it (the queue
     * run forward through the same policy, see {@link StartForecast}) and score it against what
     * happened ({@link #startEstimateAccuracy}). Sampled, since each estimate replays the queue three
     * times; 0 estimates nothing.
     */
    public Simulation estimateStartsEvery(int every) {
        if (every < 0) {
            throw new IllegalArgumentException("estimate every N submits: N must be >= 0");
        }
        this.estimateStartsEvery = every;
        return this;
    }

    /** Replays the whole trace; {@code progress} hears the fraction of jobs finished now and then. */
    public SimulationResult run(DoubleConsumer progress) {
        long started = System.nanoTime();
        int next = 0;
        int finished = 0;
        long now = 0;
        long nextTick = Long.MAX_VALUE;
        int reportEvery = Math.max(1, trace.size() / 200);
        while (true) {
            long arrival = next < trace.size() ? trace.get(next).submitSeconds() : Long.MAX_VALUE;
            long completion = completions.isEmpty() ? Long.MAX_VALUE : completions.peek()[0];
            long at = Math.min(arrival, Math.min(completion, nextTick));
            if (at == Long.MAX_VALUE) {
                break;
            }
            now = at;
            while (!completions.isEmpty() && completions.peek()[0] == now) {
                long[] event = completions.poll();
                if (finish(byArrival.get((int) event[1]), (int) event[2], now)) {
                    finished++;
                    if (finished % reportEvery == 0) {
                        progress.accept((double) finished / trace.size());
                    }
                }
            }
            while (next < trace.size() && trace.get(next).submitSeconds() == now) {
                arrive(trace.get(next++), now);
            }
            schedule(now);
            estimateStarts(now);
            boolean nothingWillChange = state.running().isEmpty() && next >= trace.size();
            if (nothingWillChange) {
                break; // whatever still waits can never start
            }
            nextTick = policy.tickSeconds() > 0 && !state.queue().isEmpty() ? now + policy.tickSeconds() : Long.MAX_VALUE;
        }
        progress.accept(1.0);
        return result(now, (System.nanoTime() - started) / 1e9);
    }

    private void arrive(TraceJob traceJob, long now) {
        TenantPool owner = new TenantPool(TenantId.of(SimNames.tenant(traceJob.tenant())), PoolId.DEFAULT);
        SimJob job = new SimJob(traceJob, byArrival.size(), owner);
        jobs.put(job.id, job);
        byArrival.add(job);
        if (traceJob.gpus() > config.cluster().totalGpus()) {
            return; // larger than the cluster: it can never run, and is reported as unfinished
        }
        if (estimateStartsEvery > 0 && job.arrivalIndex % estimateStartsEvery == 0) {
            arrivedNow.add(job);
        }
        job.predictedAtSubmit = estimatedRemaining(job, 0);
        job.outlook = knowledge.outlook(features(traceJob));
        job.rangeAtSubmit = new long[] {Math.round(job.outlook.remainingQuantile(0.1, 0)),
                Math.round(job.outlook.remainingQuantile(0.9, 0))};
        state.enqueue(job.toPending(job.predictedAtSubmit));
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

    /** True when this completion ends the job (an outdated event of a preempted run returns false). */
    private boolean finish(SimJob job, int run, long now) {
        if (job.run != run || !job.isRunning()) {
            return false;
        }
        release(job, now);
        job.remainingSeconds = 0;
        job.finish = now;
        knowledge.learn(features(job.trace), job.trace.durationSeconds());
        return true;
    }

    private void schedule(long now) {
        for (int pass = 0; pass < MAX_PASSES_PER_INSTANT && !state.queue().isEmpty(); pass++) {
            state.refreshOverrunning(now, running -> estimatedRemaining(jobs.get(running.id()),
                    now - running.allocatedAt()));
            Plan plan = policy.policy().plan(state.snapshot(now));
            AppliedPlan applied = PlanApplier.apply(state, plan, now, terms);
            applied.refused().forEach(this::countViolation);
            applied.started().forEach(started -> started(started, now));
            if (plan.preemptions().isEmpty()) {
                return;
            }
        }
    }

    /** What the sampled jobs that arrived now and still wait would be told: their estimated starts. */
    private void estimateStarts(long now) {
        if (arrivedNow.isEmpty()) {
            return;
        }
        var waiting = new HashSet<JobId>();
        for (SimJob job : arrivedNow) {
            if (job.firstStart < 0) {
                waiting.add(job.id);
            } else {
                job.startAtSubmit = new StartEstimate(now, now, now); // started at once, as a pass would say
            }
        }
        arrivedNow.clear();
        if (waiting.isEmpty()) {
            return;
        }
        FrozenCluster frozen = FrozenCluster.of(state.snapshot(now));
        StartForecast.estimate(frozen, policy.policy(), ForecastDurations.fromEstimatesAndOutlooks(), waiting,
                MAX_FORECAST_PASSES).forEach((id, estimate) -> jobs.get(id).startAtSubmit = estimate);
    }

    /** How good the sampled start estimates were ({@link StartEstimateAccuracy#NOT_SAMPLED} when none were made). */
    public StartEstimateAccuracy startEstimateAccuracy() {
        return estimateStartsEvery == 0 ? StartEstimateAccuracy.NOT_SAMPLED
                : StartEstimateAccuracy.of(estimateStartsEvery, scoredStarts());
    }

    /** Each sampled job: when it was submitted, what it was told, when it first started. */
    List<StartEstimateAccuracy.Scored> scoredStarts() {
        var scored = new ArrayList<StartEstimateAccuracy.Scored>();
        for (SimJob job : byArrival) {
            if (job.startAtSubmit != null) {
                scored.add(new StartEstimateAccuracy.Scored(job.trace.submitSeconds(), job.startAtSubmit,
                        job.firstStart));
            }
        }
        return scored;
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

    /** How the simulator's jobs start and stop: its checkpoint interval; a victim waits again with its losses. */
    private final PlanApplier.Terms terms = new PlanApplier.Terms() {
        @Override
        public long checkpointEverySeconds(PendingJob job) {
            return config.checkpointIntervalSeconds();
        }

        @Override
        public PendingJob requeued(RunningJob victim, long now) {
            SimJob job = jobs.get(victim.id());
            long ran = now - victim.allocatedAt();
            long lost = now - victim.lastCheckpointAt(now);
            account(job, now);
            job.remainingSeconds = job.remainingSeconds - ran + lost + config.restartOverheadSeconds();
            job.run++;
            job.preemptions++;
            preemptions++;
            job.outlook = knowledge.outlook(features(job.trace));
            return job.toPending(estimatedRemaining(job, 0));
        }
    };

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

    /** Every job's fate, in submit order: for tests, and for anyone who wants more than averages. */
    public List<JobOutcome> outcomes() {
        return byArrival.stream().map(job -> new JobOutcome(job.trace, job.firstStart, job.finish, job.preemptions,
                job.predictedAtSubmit, job.rangeAtSubmit[0], job.rangeAtSubmit[1])).toList();
    }

    private SimulationResult result(long end, double wallSeconds) {
        var jcts = new ArrayList<Long>();
        double waitSum = 0;
        long firstSubmit = trace.isEmpty() ? 0 : trace.get(0).submitSeconds();
        int unfinished = 0;
        for (SimJob job : byArrival) {
            if (job.finish < 0) {
                unfinished++;
                continue;
            }
            jcts.add(job.finish - job.trace.submitSeconds());
            waitSum += job.firstStart - job.trace.submitSeconds();
        }
        jcts.sort(null);
        PredictionAccuracy accuracy = policy.oracle() ? PredictionAccuracy.NOT_APPLICABLE
                : PredictionAccuracy.of(outcomes());
        int n = jcts.size();
        double avg = jcts.stream().mapToLong(Long::longValue).average().orElse(0);
        long makespan = end - firstSubmit;
        double utilization = makespan == 0 ? 0 : busyGpuSeconds / ((double) config.cluster().totalGpus() * makespan);
        return new SimulationResult(policy.name(), trace.size(), avg, percentile(jcts, 0.50), percentile(jcts, 0.99),
                n == 0 ? 0 : waitSum / n, makespan, utilization, preemptions, capacityViolations, doubleAllocations,
                quotaViolations, unfinished, accuracy.medianAbsLogError(), accuracy.underestimateRate(),
                accuracy.calibration(), wallSeconds);
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }

    private static JobFeatures features(TraceJob job) {
        return new JobFeatures(job.tenant(), job.name(), job.gpus());
    }
}
