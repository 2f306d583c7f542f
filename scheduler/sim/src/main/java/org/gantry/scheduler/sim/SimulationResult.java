package org.gantry.scheduler.sim;

/**
 * What one policy achieved on one trace. Times in seconds; utilization is busy GPU-time (lost
 * work included) over the cluster's GPU-time during the makespan. The three violation counts
 * come from the simulator's own checks of every plan it applies and must be 0. The prediction
 * figures describe the durations the policy was told at submit (NaN for the oracle): the median
 * of |ln(predicted / actual)| and the share of jobs predicted shorter than they ran; calibration
 * is the share of jobs whose duration fell inside the 10–90% range the learned distributions gave
 * at submit (0.8 when calibrated), and the calibration table the share at or below each predicted
 * quantile ({@link DurationCalibration}). The longest wait is the most any job waited from submit
 * to its first start: what starvation a policy allows, beside the mean and p99. {@code cpuSeconds}
 * is the CPU time of the thread that replayed it (estimates included): unlike {@code wallSeconds},
 * it hardly moves with the machine's load.
 */
public record SimulationResult(String policy, int jobs, double avgJctSeconds, double p50JctSeconds,
                               double p99JctSeconds, double avgWaitSeconds, long makespanSeconds,
                               double utilization, long preemptions, long capacityViolations,
                               long doubleAllocations, long quotaViolations, int unfinished,
                               double predictionMedianAbsLogError, double predictionUnderestimateRate,
                               double predictionCalibration, double wallSeconds,
                               DurationCalibration predictionCalibrationTable,
                               long maxWaitSeconds, double cpuSeconds) {
    /** Whether the policy kept every invariant (jobs that never finished are reported, not a violation). */
    public boolean clean() {
        return capacityViolations == 0 && doubleAllocations == 0 && quotaViolations == 0;
    }
}
