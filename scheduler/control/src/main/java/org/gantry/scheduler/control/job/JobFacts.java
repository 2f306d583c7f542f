package org.gantry.scheduler.control.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.TrainingProgress;
import org.gantry.api.job.JobState;

/**
 * What a job carries from submit to its end, whatever its stage; each stage adds only what
 * it alone has.
 *
 * @param attempt how many times it was placed: the next placement must be {@code attempt + 1}
 * @param retries how many failed runs were requeued, spending {@code spec.maxRetries}
 * @param reason  the latest human reason: requeue cause, suspension, failure or cancellation
 * @param attainedGpuSeconds GPU-seconds of service from attempts that are over: each one's run
 *                (started to requeued or finished, in whole seconds) × its GPUs; the events hold
 *                it, so it survives requeues and restarts
 * @param lastCheckpoint the newest checkpoint the object store holds, or null
 * @param progressAttempt the attempt {@code progress} comes from (0 when none)
 * @param progress the latest training epoch an agent reported, or null
 */
public record JobFacts(StoredSpec spec, String idempotencyKey, Instant submittedAt, int attempt, int retries,
                       String reason, long attainedGpuSeconds, CheckpointFacts lastCheckpoint, int progressAttempt,
                       EpochFacts progress) {

    static JobFacts of(JobEvent.Submitted submitted) {
        return new JobFacts(submitted.spec(), submitted.idempotencyKey(), submitted.at(), 0, 0, null, 0, null, 0, null);
    }

    JobFacts placed(int attempt) {
        return new JobFacts(spec, idempotencyKey, submittedAt, attempt, retries, reason, attainedGpuSeconds,
                lastCheckpoint, progressAttempt, progress);
    }

    JobFacts because(String reason) {
        return new JobFacts(spec, idempotencyKey, submittedAt, attempt, retries, reason, attainedGpuSeconds,
                lastCheckpoint, progressAttempt, progress);
    }

    JobFacts retried() {
        return new JobFacts(spec, idempotencyKey, submittedAt, attempt, retries + 1, reason, attainedGpuSeconds,
                lastCheckpoint, progressAttempt, progress);
    }

    /** These facts once {@code placement}'s attempt ended at {@code end}: its service added, if it started. */
    JobFacts served(Placement placement, Instant end) {
        return new JobFacts(spec, idempotencyKey, submittedAt, attempt, retries, reason,
                attainedGpuSeconds + placement.gpuSecondsUntil(end), lastCheckpoint, progressAttempt, progress);
    }

    /** These facts with {@code saved} as the newest checkpoint, unless a newer one is known. */
    JobFacts checkpointed(JobEvent.CheckpointSaved saved) {
        if (lastCheckpoint != null && lastCheckpoint.step() >= saved.step()) {
            return this;
        }
        return new JobFacts(spec, idempotencyKey, submittedAt, attempt, retries, reason, attainedGpuSeconds,
                CheckpointFacts.of(saved), progressAttempt, progress);
    }

    /** The API view of a job with these facts in {@code state}; what is absent there is null or empty. */
    /**
     * The epochs of {@code reported} not yet in the events: newer than the latest known, or all of
     * them from a later attempt (which may have started over, its checkpoint lost).
     */
    List<EpochFacts> unseen(int reportedAttempt, List<TrainingProgress> reported) {
        if (reportedAttempt < progressAttempt) {
            return List.of();
        }
        int after = reportedAttempt == progressAttempt && progress != null ? progress.epoch() : 0;
        return reported.stream().filter(epoch -> epoch.epoch() > after).map(EpochFacts::of).toList();
    }

    JobFacts progressed(JobEvent.Progressed progressed) {
        EpochFacts latest = progressed.epochs().get(progressed.epochs().size() - 1);
        return new JobFacts(spec, idempotencyKey, submittedAt, attempt, retries, reason, attainedGpuSeconds,
                lastCheckpoint, progressed.attempt(), latest);
    }

    Job view(JobId id, JobState state, Placement placement, Instant finishedAt, Integer exitCode) {
        return view(id, state, placement, finishedAt, exitCode, Map.of());
    }

    Job view(JobId id, JobState state, Placement placement, Instant finishedAt, Integer exitCode,
             Map<NodeId, List<Integer>> resizeTo) {
        Map<NodeId, List<Integer>> allocation = placement == null ? Map.of() : placement.allocation();
        JobSpec apiSpec = spec.toApi();
        return new Job(id, state, apiSpec.tenant(), spec.name(), apiSpec, submittedAt,
                placement == null ? null : placement.scheduledAt(),
                placement == null ? null : placement.startedAt(),
                finishedAt, attempt, retries, state.holdsGpus() ? allocation : Map.of(), exitCode, reason,
                placement != null && placement.cancelling(), attainedGpuSeconds,
                lastCheckpoint == null ? null : lastCheckpoint.toApi(), progress == null ? null : progress.toApi(),
                resizeTo);
    }
}
