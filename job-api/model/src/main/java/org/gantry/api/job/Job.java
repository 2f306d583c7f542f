package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.tenant.TenantId;

/**
 * A job as the API returns it: its spec (secrets masked), where it is in its life and, when
 * they apply, where it runs and how it ended.
 *
 * @param attempt    how many times it was placed; each placement is a new attempt, so reports
 *                   about an older one are recognised and ignored
 * @param retries    how many failed runs were retried (at most {@code spec.maxRetries})
 * @param allocation node → GPU indices of the current attempt; empty while it holds no GPUs
 * @param reason     why it is where it is: the preemption, failure or cancellation cause
 * @param cancelRequested a user asked to cancel it while it ran; it ends CANCELLED once stopped
 * @param attainedGpuSeconds GPU-seconds of service its finished attempts had (each one's run ×
 *                   its GPUs); the attempt under way is not counted until it ends
 * @param lastCheckpoint its newest checkpoint in the control plane's store; null when it has none
 * @param progress   the latest epoch a {@code djl-train} job finished (every epoch is in its events);
 *                   null for other jobs and before the first
 * @param resizeTo   node → GPU indices an elastic job restarts on once its stop for a resize is
 *                   over (its state is SUSPENDING meanwhile); empty unless it is being resized
 */
public record Job(JobId id, JobState state, TenantId tenant, String name, JobSpec spec, Instant submittedAt,
                  Instant scheduledAt, Instant startedAt, Instant finishedAt, int attempt, int retries,
                  Map<NodeId, List<Integer>> allocation, Integer exitCode, String reason,
                  boolean cancelRequested, long attainedGpuSeconds, JobCheckpoint lastCheckpoint,
                  TrainingProgress progress, Map<NodeId, List<Integer>> resizeTo) {
    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(submittedAt, "submittedAt");
        allocation = allocation == null ? Map.of() : Map.copyOf(allocation);
        resizeTo = resizeTo == null ? Map.of() : Map.copyOf(resizeTo);
    }

    /** The GPUs this job holds right now: its current width, in its JSON too (an elastic job's changes). */
    @JsonProperty(value = "gpuCount", access = JsonProperty.Access.READ_ONLY)
    public int gpuCount() {
        return allocation.values().stream().mapToInt(List::size).sum();
    }

    /** The same job with another {@code reason} (the words shown to a caller who may not see all of them). */
    public Job withReason(String reason) {
        return new Job(id, state, tenant, name, spec, submittedAt, scheduledAt, startedAt, finishedAt, attempt, retries,
                allocation, exitCode, reason, cancelRequested, attainedGpuSeconds, lastCheckpoint, progress, resizeTo);
    }

    /** The same job with secrets masked, fit to return to a caller. */
    public Job redacted() {
        return new Job(id, state, tenant, name, spec.redacted(), submittedAt, scheduledAt, startedAt, finishedAt,
                attempt, retries, allocation, exitCode, reason, cancelRequested, attainedGpuSeconds,
                lastCheckpoint, progress, resizeTo);
    }
}
