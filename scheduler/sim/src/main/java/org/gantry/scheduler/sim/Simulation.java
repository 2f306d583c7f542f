package org.gantry.scheduler.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.forecast.ArrivalHistory;
import org.gantry.scheduler.policy.forecast.ForecastDurations;
import org.gantry.scheduler.policy.forecast.FrozenCluster;
import org.gantry.scheduler.policy.forecast.StartEstimate;
import org.gantry.scheduler.policy.forecast.StartForecast;
import org.gantry.scheduler.policy.state.ClusterState;
import org.gantry.scheduler.policy.state.DurationKnowledge;
import org.gantry.scheduler.predict.DurationPredictor;

/**
 * A discrete-event replay of a trace through one policy, on a virtual clock. At every moment
 * something happens (jobs arrive or finish, or a tick for policies that preempt), its
 * {@link SimulatedCluster} builds a {@link Snapshot}, asks the policy for a {@link Plan} and
 * applies it, as the scheduler actor does, on the same {@link ClusterState}. Every plan is
 * checked before it is applied: a GPU given twice, a GPU a node does not have, or a tenant above
 * its limit is counted as a violation (and the offending decision refused), so a bug in the
 * policy shows in the results instead of silently bending them.
 */
public final class Simulation {
    /** A bound on one forecast's passes, so an estimate never costs more than a slice of a replay. */
    private static final int MAX_FORECAST_PASSES = 20_000;

    private final SimulationConfig config;
    private final SimPolicy policy;
    private final List<TraceJob> trace;
    /** The cluster the trace's events happen to, planned and applied as the scheduler actor does. */
    private final SimulatedCluster cluster;

    /** Every how many submits a start is estimated and later scored (0: none). */
    private int estimateStartsEvery;
    private final List<SimJob> arrivedNow = new ArrayList<>();
    /** The submits a forecast expects to keep coming, as production's scheduler keeps them. */
    private final ArrivalHistory submits = new ArrivalHistory();
    /** Where the estimates' error comes from; null unless asked ({@link #diagnoseEstimates}). */
    private EstimateDiagnosis diagnosis;

    public Simulation(SimulationConfig config, SimPolicy policy, Trace trace, DurationPredictor predictor) {
        this(config, policy, trace, new DurationKnowledge(predictor));
    }

    private Simulation(SimulationConfig config, SimPolicy policy, Trace trace, DurationKnowledge knowledge) {
        this.config = config;
        this.policy = policy;
        this.trace = trace.jobs();
        this.cluster = new SimulatedCluster(config, policy, knowledge, config.quota().quotasFor(trace, config.cluster()));
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

    /**
     * Also forecast every estimated start under variants that know part of the truth, to tell where
     * the estimates' error comes from ({@link EstimateDiagnosis}); {@code all} adds the costlier ones.
     */
    public Simulation diagnoseEstimates(boolean all) {
        this.diagnosis = new EstimateDiagnosis(config, policy, trace, cluster, MAX_FORECAST_PASSES, all);
        return this;
    }

    /** The diagnosis's lines, or "" when none was asked for. */
    public String diagnosis() {
        return diagnosis == null ? "" : diagnosis.report();
    }

    /** Replays the whole trace; {@code progress} hears the fraction of jobs finished now and then. */
    public SimulationResult run(DoubleConsumer progress) {
        long started = System.nanoTime();
        long cpuStarted = ReplayCpu.now();
        int next = 0;
        int finished = 0;
        long now = 0;
        long nextTick = Long.MAX_VALUE;
        int reportEvery = Math.max(1, trace.size() / 200);
        while (true) {
            long arrival = next < trace.size() ? trace.get(next).submitSeconds() : Long.MAX_VALUE;
            long at = Math.min(arrival, Math.min(cluster.nextCompletion(), nextTick));
            if (at == Long.MAX_VALUE) {
                break;
            }
            now = at;
            for (int ended = cluster.finishDue(now).size(); ended > 0; ended--) {
                finished++;
                if (finished % reportEvery == 0) {
                    progress.accept((double) finished / trace.size());
                }
            }
            while (next < trace.size() && trace.get(next).submitSeconds() == now) {
                SimJob job = cluster.add(trace.get(next++));
                if (job != null && estimateStartsEvery > 0) {
                    submits.record(job.toPending(job.predictedAtSubmit));
                    if (job.arrivalIndex % estimateStartsEvery == 0) {
                        arrivedNow.add(job);
                    }
                }
            }
            cluster.schedule(now);
            estimateStarts(now);
            boolean nothingWillChange = cluster.idle() && next >= trace.size();
            if (nothingWillChange) {
                break; // whatever still waits can never start
            }
            nextTick = policy.tickSeconds() > 0 && cluster.waiting() ? now + policy.tickSeconds() : Long.MAX_VALUE;
        }
        progress.accept(1.0);
        return result(now, (System.nanoTime() - started) / 1e9, ReplayCpu.secondsSince(cpuStarted));
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
        FrozenCluster frozen = FrozenCluster.of(cluster.snapshot(now));
        StartForecast.estimate(frozen, policy.policy(), ForecastDurations.fromEstimatesAndOutlooks(), submits.at(now),
                waiting, MAX_FORECAST_PASSES).forEach((id, estimate) -> cluster.job(id).startAtSubmit = estimate);
        if (diagnosis != null) {
            diagnosis.diagnose(frozen, waiting, submits.at(now), now);
        }
    }

    /** How good the sampled start estimates were ({@link StartEstimateAccuracy#NOT_SAMPLED} when none were made). */
    public StartEstimateAccuracy startEstimateAccuracy() {
        return estimateStartsEvery == 0 ? StartEstimateAccuracy.NOT_SAMPLED
                : StartEstimateAccuracy.of(estimateStartsEvery, scoredStarts());
    }

    /** Each sampled job: when it was submitted, what it was told, when it first started. */
    List<StartEstimateAccuracy.Scored> scoredStarts() {
        var scored = new ArrayList<StartEstimateAccuracy.Scored>();
        for (SimJob job : cluster.byArrival()) {
            if (job.startAtSubmit != null) {
                scored.add(new StartEstimateAccuracy.Scored(job.trace.submitSeconds(), job.startAtSubmit,
                        job.firstStart));
            }
        }
        return scored;
    }

    /** Every job's fate, in submit order: for tests, and for anyone who wants more than averages. */
    public List<JobOutcome> outcomes() {
        return cluster.byArrival().stream().map(job -> new JobOutcome(job.trace, job.firstStart, job.finish, job.preemptions,
                job.predictedAtSubmit, rangeEnd(job, 0), rangeEnd(job, DurationCalibration.LEVELS.length - 1))).toList();
    }

    /** The predicted duration quantile at this index of {@link DurationCalibration#LEVELS}, or -1 when none was told. */
    private static long rangeEnd(SimJob job, int level) {
        return job.quantilesAtSubmit == null ? -1 : job.quantilesAtSubmit[level];
    }

    private SimulationResult result(long end, double wallSeconds, double cpuSeconds) {
        var jcts = new ArrayList<Long>();
        double waitSum = 0;
        long maxWait = 0;
        long firstSubmit = trace.isEmpty() ? 0 : trace.get(0).submitSeconds();
        int unfinished = 0;
        for (SimJob job : cluster.byArrival()) {
            if (job.finish < 0) {
                unfinished++;
                continue;
            }
            jcts.add(job.finish - job.trace.submitSeconds());
            waitSum += job.firstStart - job.trace.submitSeconds();
            maxWait = Math.max(maxWait, job.firstStart - job.trace.submitSeconds());
        }
        jcts.sort(null);
        PredictionAccuracy accuracy = policy.oracle() ? PredictionAccuracy.NOT_APPLICABLE
                : PredictionAccuracy.of(outcomes());
        int n = jcts.size();
        double avg = jcts.stream().mapToLong(Long::longValue).average().orElse(0);
        long makespan = end - firstSubmit;
        double utilization = makespan == 0 ? 0 : cluster.busyGpuSeconds() / ((double) config.cluster().totalGpus() * makespan);
        return new SimulationResult(policy.name(), trace.size(), avg, percentile(jcts, 0.50), percentile(jcts, 0.99),
                n == 0 ? 0 : waitSum / n, makespan, utilization, cluster.preemptions(), cluster.capacityViolations(),
                cluster.doubleAllocations(), cluster.quotaViolations(), unfinished, accuracy.medianAbsLogError(), accuracy.underestimateRate(),
                accuracy.calibration(), wallSeconds,
                policy.oracle() ? DurationCalibration.NONE : DurationCalibration.of(cluster.byArrival()),
                maxWait, cpuSeconds);
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }
}
