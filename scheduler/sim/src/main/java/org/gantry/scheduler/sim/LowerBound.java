package org.gantry.scheduler.sim;

import java.util.List;
import java.util.PriorityQueue;

/**
 * A lower bound on the average job completion time any scheduler can reach on a trace: the
 * larger of the mean duration (no job finishes faster than it runs) and the mean completion
 * time, less the mean arrival, of preemptive shortest-remaining-work-first on one machine as
 * fast as the whole cluster (speed M = total GPUs, job work = GPUs × duration). SRPT is optimal
 * for mean completion on one machine, and a cluster of M GPUs can do no more work per second.
 */
public final class LowerBound {
    private LowerBound() {}

    public static double averageJctSeconds(List<TraceJob> jobs, int totalGpus) {
        if (jobs.isEmpty()) {
            return 0;
        }
        double meanDuration = jobs.stream().mapToLong(TraceJob::durationSeconds).average().orElse(0);
        return Math.max(meanDuration, srptMeanResponse(jobs, totalGpus));
    }

    /** Jobs must come in submit order. */
    static double srptMeanResponse(List<TraceJob> jobs, int speed) {
        // Remaining work in GPU-seconds; the machine does `speed` GPU-seconds of work per second.
        var remaining = new PriorityQueue<double[]>((a, b) -> Double.compare(a[0], b[0]));
        double now = 0;
        double totalResponse = 0;
        int next = 0;
        while (next < jobs.size() || !remaining.isEmpty()) {
            if (remaining.isEmpty()) {
                now = Math.max(now, jobs.get(next).submitSeconds());
            }
            while (next < jobs.size() && jobs.get(next).submitSeconds() <= now) {
                TraceJob job = jobs.get(next++);
                remaining.add(new double[] {job.gpuSeconds(), job.submitSeconds()});
            }
            double[] shortest = remaining.poll();
            double finishAt = now + shortest[0] / speed;
            double nextArrival = next < jobs.size() ? jobs.get(next).submitSeconds() : Double.POSITIVE_INFINITY;
            if (finishAt <= nextArrival) {
                now = finishAt;
                totalResponse += now - shortest[1];
            } else {
                shortest[0] -= (nextArrival - now) * speed;
                now = nextArrival;
                remaining.add(shortest);
            }
        }
        return totalResponse / jobs.size();
    }
}
