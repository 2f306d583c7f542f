package org.gantry.scheduler.policy;

import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.predict.DurationOutlook;

/**
 * A job holding GPUs: scheduled, running, or suspending (checkpointing before it lets go of
 * its GPUs for a preemption or resize). Nothing in it depends on the clock, so a caller keeps
 * one record per job for as long as nothing about the job changes ({@link RunningJobs}).
 *
 * @param allocatedAt      when it got its current allocation (a resize is a restart, so it resets this)
 * @param lastCheckpointAt when its newest checkpoint known to the caller was taken ({@code allocatedAt} if none)
 * @param checkpointEverySeconds how often it checkpoints from {@code allocatedAt} on (0: only the known one),
 *                         so that preempting it at any moment loses only the work since its latest checkpoint
 * @param estimatedEnd     when it is expected to finish, for reservations and start-time estimates
 * @param attainedBefore   GPU-seconds of service it received before its current allocation (for LAS);
 *                         {@link #attainedAt} adds this run's
 * @param gpuCount         GPUs it holds, over all its nodes
 * @param outlook          its duration distributions as of when it was queued (for the Gittins order), or null
 */
public record RunningJob(JobId id, TenantPool owner, GpuRequest gpus, Map<NodeId, GpuSet> allocation,
                         int priority, boolean preemptible, long allocatedAt, long lastCheckpointAt,
                         long checkpointEverySeconds, long estimatedEnd, boolean suspending, double attainedBefore,
                         int gpuCount, DurationOutlook outlook) {
    public RunningJob {
        allocation = Map.copyOf(allocation);
        if (allocation.isEmpty() || gpuCount != countOf(allocation)) {
            throw new IllegalArgumentException("job " + id + " must hold at least one GPU on each of its nodes, "
                    + gpuCount + " in all: " + allocation);
        }
        if (checkpointEverySeconds < 0 || attainedBefore < 0) {
            throw new IllegalArgumentException("job " + id + ": checkpoint interval and attained service must be >= 0");
        }
    }

    /** A job holding {@code allocation}; its GPU count is counted once here, since passes ask it of every offer. */
    public RunningJob(JobId id, TenantPool owner, GpuRequest gpus, Map<NodeId, GpuSet> allocation, int priority,
                      boolean preemptible, long allocatedAt, long lastCheckpointAt, long checkpointEverySeconds,
                      long estimatedEnd, boolean suspending, double attainedBefore, DurationOutlook outlook) {
        this(id, owner, gpus, allocation, priority, preemptible, allocatedAt, lastCheckpointAt, checkpointEverySeconds,
                estimatedEnd, suspending, attainedBefore, countOf(allocation), outlook);
    }

    /** A job holding {@code allocation}, without a duration outlook. */
    public RunningJob(JobId id, TenantPool owner, GpuRequest gpus, Map<NodeId, GpuSet> allocation, int priority,
                      boolean preemptible, long allocatedAt, long lastCheckpointAt, long checkpointEverySeconds,
                      long estimatedEnd, boolean suspending, double attainedBefore) {
        this(id, owner, gpus, allocation, priority, preemptible, allocatedAt, lastCheckpointAt, checkpointEverySeconds,
                estimatedEnd, suspending, attainedBefore, null);
    }

    /** A job holding {@code allocation} of {@code gpuCount} GPUs, without a duration outlook. */
    public RunningJob(JobId id, TenantPool owner, GpuRequest gpus, Map<NodeId, GpuSet> allocation, int priority,
                      boolean preemptible, long allocatedAt, long lastCheckpointAt, long checkpointEverySeconds,
                      long estimatedEnd, boolean suspending, double attainedBefore, int gpuCount) {
        this(id, owner, gpus, allocation, priority, preemptible, allocatedAt, lastCheckpointAt, checkpointEverySeconds,
                estimatedEnd, suspending, attainedBefore, gpuCount, null);
    }

    /** GPUs over all nodes; -1 when a node's set is empty, which no count matches. */
    private static int countOf(Map<NodeId, GpuSet> allocation) {
        int count = 0;
        for (GpuSet gpus : allocation.values()) {
            if (gpus.isEmpty()) {
                return -1;
            }
            count += gpus.size();
        }
        return count;
    }

    /** When its newest checkpoint by {@code now} was taken. */
    public long lastCheckpointAt(long now) {
        if (checkpointEverySeconds <= 0 || now <= allocatedAt) {
            return lastCheckpointAt;
        }
        return Math.max(lastCheckpointAt, allocatedAt + (now - allocatedAt) / checkpointEverySeconds * checkpointEverySeconds);
    }

    /** GPU-seconds of work lost if it stopped at {@code now} and resumed from its last checkpoint. */
    public long lostWorkIfStoppedAt(long now) {
        return Math.max(0, now - lastCheckpointAt(now)) * gpuCount();
    }

    /** GPU-seconds of service it has had by {@code now}, this run included (for LAS). */
    public double attainedAt(long now) {
        return attainedBefore + (double) Math.max(0, now - allocatedAt) * gpuCount();
    }

    public boolean isElastic() {
        return gpus.isElastic();
    }
}
