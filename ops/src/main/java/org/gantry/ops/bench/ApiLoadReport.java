package org.gantry.ops.bench;

import java.util.Map;

/**
 * What a load run measured. Latencies in milliseconds; {@code endToEnd} is null unless the run
 * waited for the jobs to end.
 */
public record ApiLoadReport(String mode, int clients, double targetRate, int submitted, Map<Integer, Integer> statuses,
                            double submitSeconds, double submitsPerSecond, LatencySummary submitLatency,
                            EndToEnd endToEnd) {

    /**
     * @param jobsPerSecond       jobs ended per second, first submit to last end
     * @param submitToStart       how long jobs waited, from their records
     * @param stages              where a job's time went, from the timestamps of its record
     * @param busyWhileWaiting    mean share of GPUs busy, over the samples where jobs waited
     * @param busyOnceFilled      the same from the first sample with every GPU busy on (no ramp-up)
     */
    public record EndToEnd(int succeeded, int failed, int cancelled, double seconds, double jobsPerSecond,
                           LatencySummary submitToStart, Stages stages, double busyWhileWaiting,
                           double busyOnceFilled, int utilizationSamples) {}

    /**
     * A job's round trip in its record's timestamps: {@code submitted} (the control plane took it)
     * to {@code scheduled} (a pass placed it), to {@code started} (its agent launched the process),
     * to {@code finished} (its agent saw the process exit).
     */
    public record Stages(LatencySummary submittedToScheduled, LatencySummary scheduledToStarted,
                         LatencySummary startedToFinished) {}
}
