package org.gantry.scheduler.control;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.predict.DurationOutlook;

/**
 * The scheduler's working copy of one job: the latest record its entity persisted, plus what
 * only the scheduler knows — the GPUs it holds in the view (reserved before the entity confirms
 * a placement, kept until the workload is known to be gone). Its queue entry and its running
 * record are the view's cluster state's.
 * Owned by {@link ControlView}; never shared outside the scheduler actor.
 */
final class TrackedJob {
    Job record;
    /** GPUs it holds in the view, per node; empty when it holds none. */
    Map<NodeId, GpuSet> held = Map.of();
    /** When it got its current GPUs, in epoch seconds. */
    long heldSince;
    /** When it is expected to end, in epoch seconds; renewed when it runs past it. Orders the view's holding set. */
    long estimatedEnd;
    /** The attempt whose placement is being persisted (the view reserved its GPUs), or 0. */
    int reservingAttempt;
    /** The attempt its held GPUs belong to. */
    int heldAttempt;
    /** Nodes whose part of {@link #heldAttempt} reported its exit: a gang ends when all have. */
    final Set<NodeId> exitedParts = new HashSet<>();
    /** The attempt whose every part its nodes reported gone (its GPUs given back already), or 0. */
    int goneAttempt;
    /**
     * The GPUs a resize of {@link #resizeAttempt} moves it to, booked in {@link #held} while the
     * entity persists the resize (afterwards its record carries them); null when none is under way.
     */
    Map<NodeId, GpuSet> resizeTarget;
    int resizeAttempt;
    /** Its duration distributions as of when it was last queued (for the Gittins order); null until then. */
    DurationOutlook outlook;
    /** The run time it was told when last queued, in seconds, which its estimated end counts from (0 until then). */
    long estimatedSeconds;
    /** When this scheduler last resized it, in epoch seconds (0: never): growth waits a while after. */
    long lastResizedAt;
    /** Whether its first queueing went into the arrivals start forecasts expect (once per job, never a requeue). */
    boolean countedAsArrival;

    /** Notes that a node's part of an attempt exited; true when every part of it has. */
    boolean partExited(int attempt, NodeId node) {
        if (attempt != heldAttempt) {
            return false;
        }
        exitedParts.add(node);
        // The attempt's own nodes: while it is resized, held also books nodes only the next attempt uses.
        boolean recorded = record.attempt() == attempt && !record.allocation().isEmpty();
        return exitedParts.containsAll(recorded ? record.allocation().keySet() : held.keySet());
    }

    TrackedJob(Job record) {
        this.record = record;
    }

    JobId id() {
        return record.id();
    }

    TenantPool owner() {
        return new TenantPool(record.tenant(), record.spec().pool());
    }
}
