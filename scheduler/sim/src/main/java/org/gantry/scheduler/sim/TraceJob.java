package org.gantry.scheduler.sim;

/**
 * One job of a trace: who submitted it, when (seconds from the start of the trace), how many
 * GPUs it used and how long it truly ran. {@code name} groups similar jobs for the duration
 * predictor (a model name where the trace has one, else empty).
 */
public record TraceJob(String id, String tenant, String name, long submitSeconds, long durationSeconds, int gpus) {
    public TraceJob {
        if (durationSeconds <= 0 || gpus <= 0 || submitSeconds < 0) {
            throw new IllegalArgumentException("trace job " + id + " needs duration > 0, gpus > 0 and submit >= 0");
        }
    }

    public long gpuSeconds() {
        return durationSeconds * gpus;
    }
}
