package org.gantry.scheduler.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random small traces and clusters for property tests: 5–60 jobs of 1–16 GPUs lasting
 * 1 s to a day (log-uniform, so most are short and a few very long), from 1–4 tenants, arriving
 * in bursts and lulls from time 0; clusters of 1–6 nodes of 1–8 GPUs. The same seed gives the same case.
 */
final class RandomTraces {
    private static final int[] COMMON_SIZES = {1, 1, 1, 1, 2, 2, 4, 8};
    private static final long DAY = 86_400;

    private RandomTraces() {}

    record Case(long seed, Trace trace, ClusterShape cluster, long checkpointSeconds, long restartSeconds) {
        SimulationConfig config(QuotaMode quota) {
            return new SimulationConfig(cluster, quota, checkpointSeconds, restartSeconds, 300);
        }

        @Override
        public String toString() {
            return "seed " + seed + ": " + trace.jobs().size() + " jobs on " + cluster;
        }
    }

    static Case of(long seed) {
        var random = new Random(seed);
        var cluster = new ClusterShape(1 + random.nextInt(6), 1 + random.nextInt(8));
        return new Case(seed, trace(random, 5 + random.nextInt(56), 1 + random.nextInt(4)), cluster,
                random.nextBoolean() ? 600 : random.nextInt(3) * 1800, random.nextInt(3) * 60);
    }

    /** {@code jobs} jobs named "m0".."m3" from {@code tenants} tenants, every job with a distinct name when asked. */
    static Trace trace(Random random, int jobs, int tenants) {
        double meanGap = Math.exp(random.nextDouble() * Math.log(20_000)); // 1 s to 5.5 h between arrivals
        var list = new ArrayList<TraceJob>();
        long submit = 0;
        for (int i = 0; i < jobs; i++) {
            if (i > 0 && random.nextInt(5) != 0) { // a fifth of the jobs arrive with the one before
                submit += Math.round(-meanGap * Math.log(1 - random.nextDouble()));
            }
            int gpus = random.nextInt(3) == 0 ? 1 + random.nextInt(16) : COMMON_SIZES[random.nextInt(COMMON_SIZES.length)];
            long duration = Math.max(1, Math.round(Math.exp(random.nextDouble() * Math.log(DAY))));
            list.add(new TraceJob("job-" + i, "tenant-" + random.nextInt(tenants), "m" + random.nextInt(4), submit,
                    duration, gpus));
        }
        return new Trace(TraceFormat.TIRESIAS, list);
    }

    /** The jobs that can ever run on the cluster (no larger than it). */
    static List<TraceJob> fitting(Trace trace, ClusterShape cluster) {
        return trace.jobs().stream().filter(job -> job.gpus() <= cluster.totalGpus()).toList();
    }
}
