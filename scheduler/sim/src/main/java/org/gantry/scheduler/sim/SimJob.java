package org.gantry.scheduler.sim;

import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.forecast.StartEstimate;
import org.gantry.scheduler.predict.DurationOutlook;

/** One trace job's life in the simulator: the only mutable record, owned by the simulation loop. */
final class SimJob {
    final TraceJob trace;
    /** Position in submit order: completion events refer to jobs by it. */
    final int arrivalIndex;
    final JobId id;
    final TenantPool owner;
    /** Seconds of work left at full size, grown by lost work and restart overhead on preemption. */
    long remainingSeconds;
    /** GPU-seconds received so far, lost work included (what LAS ranks by). */
    double attainedGpuSeconds;
    long firstStart = -1;
    long finish = -1;
    long allocatedAt;
    Map<NodeId, GpuSet> allocation = Map.of();
    /** Bumped on every (re)start, so that the completion event of an earlier run is ignored. */
    int run;
    int preemptions;
    /** The duration the policy was told when the job arrived (the truth for the oracle). */
    long predictedAtSubmit;
    /** Its duration distributions as of when it was last queued (for the Gittins order). */
    DurationOutlook outlook;
    /** Its duration's quantiles at {@link DurationCalibration#LEVELS} predicted at submit (null until then). */
    long[] quantilesAtSubmit;
    /** When it was told it would start, at submit; null unless sampled (see {@code Simulation.estimateStartsEvery}). */
    StartEstimate startAtSubmit;
    /** Diagnosis only: its start forecast at submit under the variants of {@code Simulation.diagnose}. */
    long[] diagnosedStarts;

    SimJob(TraceJob trace, int arrivalIndex, TenantPool owner) {
        this.trace = trace;
        this.arrivalIndex = arrivalIndex;
        this.id = JobId.of(trace.id());
        this.owner = owner;
        this.remainingSeconds = trace.durationSeconds();
    }

    /** Seconds of the job's work done so far (lost work and restarts not counted). */
    long doneSeconds() {
        return Math.max(0, trace.durationSeconds() - remainingSeconds);
    }

    boolean isRunning() {
        return !allocation.isEmpty();
    }

    /** The job as the queue holds it, told it has {@code estimatedRemaining} seconds to run. */
    PendingJob toPending(long estimatedRemaining) {
        return new PendingJob(id, owner, GpuRequest.fixed(trace.gpus()), PlacementConstraints.EMPTY,
                trace.submitSeconds(), Math.max(1, estimatedRemaining), 0, true, attainedGpuSeconds, outlook);
    }
}
