package org.gantry.scheduler.policy;

import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.quota.TenantPool;

/**
 * A job holding GPUs: scheduled, running, or suspending (checkpointing before it lets go of
 * its GPUs for a preemption or resize).
 *
 * @param allocatedAt      when it got its current allocation (a resize is a restart, so it resets this)
 * @param lastCheckpointAt when its newest checkpoint was taken ({@code allocatedAt} if none yet):
 *                         preempting it now loses the work since then
 * @param estimatedEnd     when it is expected to finish, for reservations and start-time estimates
 * @param attainedGpuSeconds GPU-seconds of service it has received so far, this run included (for LAS)
 */
public record RunningJob(JobId id, TenantPool owner, GpuRequest gpus, Map<NodeId, GpuSet> allocation,
                         int priority, boolean preemptible, long allocatedAt, long lastCheckpointAt,
                         long estimatedEnd, boolean suspending, double attainedGpuSeconds) {
    public RunningJob {
        allocation = Map.copyOf(allocation);
        if (allocation.isEmpty() || allocation.values().stream().anyMatch(GpuSet::isEmpty)) {
            throw new IllegalArgumentException("job " + id + " must hold at least one GPU on each of its nodes");
        }
    }

    public int gpuCount() {
        int count = 0;
        for (GpuSet gpus : allocation.values()) { // a loop, not a stream: passes ask this of every running job
            count += gpus.size();
        }
        return count;
    }

    /** GPU-seconds of work lost if it stopped at {@code now} and resumed from its last checkpoint. */
    public long lostWorkIfStoppedAt(long now) {
        return Math.max(0, now - lastCheckpointAt) * gpuCount();
    }

    public boolean isElastic() {
        return gpus.isElastic();
    }
}
