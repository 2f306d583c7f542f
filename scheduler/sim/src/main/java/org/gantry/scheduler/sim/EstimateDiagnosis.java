package org.gantry.scheduler.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.forecast.ForecastDurations;
import org.gantry.scheduler.policy.forecast.FrozenCluster;
import org.gantry.scheduler.policy.forecast.RecentArrivals;
import org.gantry.scheduler.policy.forecast.StartForecast;

/**
 * Where the error of the start estimates comes from (issue #14): each estimated start is forecast
 * again, with the same code, from the same frozen cluster, under variants that know part of the
 * truth the replay holds: the true durations of the jobs running (their true ends) or waiting,
 * both, the jobs that really arrive next (told what the predictor knows now), and the point taken
 * at other quantiles of each job's outlook. Scored as the estimates are, on the same jobs.
 */
final class EstimateDiagnosis {
    private final SimulationConfig config;
    private final SimPolicy policy;
    private final List<TraceJob> trace;
    private final SimulatedCluster cluster;
    private final int maxPasses;
    private final boolean all;

    EstimateDiagnosis(SimulationConfig config, SimPolicy policy, List<TraceJob> trace, SimulatedCluster cluster,
                      int maxPasses, boolean all) {
        this.config = config;
        this.policy = policy;
        this.trace = trace;
        this.cluster = cluster;
        this.maxPasses = maxPasses;
        this.all = all;
    }

    private static final double[] POINT_QUANTILES = {0.5, 0.6, 0.7};
    private static final long FORESEEN_SECONDS = 10 * 86_400;

    /**
     * Where the error of an estimate comes from: the same point forecast with the true durations of
     * the jobs already there, with the arrivals that really come next (told what the predictor knows
     * now), and with both (what is left is the forward run's own simplifications and preemption losses).
     */
    void diagnose(FrozenCluster frozen, Set<JobId> waiting, RecentArrivals recent, long now) {
        var future = new ArrayList<PendingJob>();
        var trueDuration = new HashMap<String, Long>();
        for (int i = cluster.byArrival().size(); i < trace.size(); i++) {
            TraceJob next = trace.get(i);
            if (next.submitSeconds() > now + FORESEEN_SECONDS) {
                break;
            }
            if (next.submitSeconds() <= now || next.gpus() > config.cluster().totalGpus()) {
                continue;
            }
            var pending = cluster.foreseen(next);
            future.add(pending);
            trueDuration.put(pending.owner() + "/" + pending.submittedAt() + "/" + next.gpus(), next.durationSeconds());
        }
        var real = new RecentArrivals(now + FORESEEN_SECONDS, FORESEEN_SECONDS, future);
        ForecastDurations told = ForecastDurations.fromEstimatesAndOutlooks();
        ForecastDurations truth = new ForecastDurations() {
            @Override
            public long remaining(RunningJob job, long at, double q) {
                SimJob known = cluster.job(job.id());
                return known == null ? told.remaining(job, at, q) : Math.max(1, known.allocatedAt + known.remainingSeconds - at);
            }

            @Override
            public long duration(PendingJob job, double q) {
                SimJob known = cluster.job(job.id());
                if (known != null) {
                    return Math.max(1, known.remainingSeconds);
                }
                Long arriving = trueDuration.get(job.owner() + "/" + job.submittedAt() + "/" + job.gpus().min());
                return arriving != null ? arriving : told.duration(job, q);
            }
        };
        ForecastDurations trueRunning = mixed(truth, told);
        ForecastDurations truePending = mixed(told, truth);
        var variants = new ArrayList<Map<JobId, Long>>();
        variants.add(StartForecast.points(frozen, policy.policy(), truth, recent, waiting, maxPasses));
        variants.add(StartForecast.points(frozen, policy.policy(), trueRunning, recent, waiting, maxPasses));
        variants.add(StartForecast.points(frozen, policy.policy(), truePending, recent, waiting, maxPasses));
        if (all) {
            variants.add(StartForecast.points(frozen, policy.policy(), told, real, waiting, maxPasses));
            variants.add(StartForecast.points(frozen, policy.policy(), truth, real, waiting, maxPasses));
            variants.add(StartForecast.points(frozen, policy.policy(), told,
                    RecentArrivals.NONE, waiting, maxPasses));
        }
        for (double q : POINT_QUANTILES) {
            variants.add(StartForecast.points(frozen, policy.policy(), ForecastDurations.withPointAt(q), recent,
                    waiting, maxPasses));
        }
        for (JobId id : waiting) {
            SimJob job = cluster.job(id);
            job.diagnosedStarts = new long[variants.size()];
            for (int v = 0; v < variants.size(); v++) {
                job.diagnosedStarts[v] = variants.get(v).getOrDefault(id, -1L);
            }
        }
    }

    /** Running jobs' ends from {@code running}, waiting jobs' durations from {@code waiting}. */
    private static ForecastDurations mixed(ForecastDurations running, ForecastDurations waiting) {
        return new ForecastDurations() {
            @Override
            public long remaining(RunningJob job, long now, double q) {
                return running.remaining(job, now, q);
            }

            @Override
            public long duration(PendingJob job, double q) {
                return waiting.duration(job, q);
            }
        };
    }

    /** Per variant: the median |error| / wait and signed error / wait over the scored jobs, beside the told one's. */
    String report() {
        var lines = new StringBuilder();
        var names = new ArrayList<>(List.of("true durations", "true running ends", "true waiting durations"));
        if (all) {
            names.addAll(List.of("true arrivals", "true durations and arrivals", "no arrivals"));
        }
        for (double q : POINT_QUANTILES) {
            names.add("point at outlook q" + q);
        }
        for (int v = 0; v < names.size(); v++) {
            var abs = new ArrayList<Double>();
            var signed = new ArrayList<Double>();
            var told = new ArrayList<Double>();
            for (SimJob job : cluster.byArrival()) {
                long wait = job.firstStart - job.trace.submitSeconds();
                if (job.diagnosedStarts == null || job.firstStart < 0 || wait < StartEstimateAccuracy.MIN_WAIT_SECONDS
                        || job.startAtSubmit == null) {
                    continue;
                }
                long start = job.diagnosedStarts[v] < 0 ? Long.MAX_VALUE / 4 : job.diagnosedStarts[v];
                abs.add(Math.abs(start - job.firstStart) / (double) wait);
                signed.add((start - job.firstStart) / (double) wait);
                told.add(Math.abs(job.startAtSubmit.start() - job.firstStart) / (double) wait);
            }
            abs.sort(null);
            signed.sort(null);
            told.sort(null);
            lines.append(String.format("diagnosis %-28s n=%d median|err|=%.3f (as told %.3f) median signed=%.3f%n",
                    names.get(v), abs.size(), abs.isEmpty() ? Double.NaN : abs.get(abs.size() / 2),
                    told.isEmpty() ? Double.NaN : told.get(told.size() / 2),
                    signed.isEmpty() ? Double.NaN : signed.get(signed.size() / 2)));
        }
        return lines.toString();
    }
}
