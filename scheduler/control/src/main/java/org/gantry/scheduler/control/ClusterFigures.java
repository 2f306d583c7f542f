package org.gantry.scheduler.control;

import java.util.List;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobState;
import org.gantry.api.tenant.TenantId;

/**
 * The scheduler's view counted up, as of {@code takenAtMillis}: what metrics gauges read at
 * scrape time without asking the scheduler. Immutable, and as large as the label sets it
 * reports (tenants × pools × live states, nodes), never as large as the job count: finished jobs
 * are not in it.
 */
public record ClusterFigures(long takenAtMillis, List<Jobs> jobs, List<Pool> pools, List<Node> nodes,
                             List<Quota> quotas) {
    public ClusterFigures {
        jobs = List.copyOf(jobs);
        pools = List.copyOf(pools);
        nodes = List.copyOf(nodes);
        quotas = List.copyOf(quotas);
    }

    /** How many live jobs of a tenant in a pool are in a state. */
    public record Jobs(JobState state, TenantId tenant, PoolId pool, int count) {}

    /**
     * A pool's GPUs (on nodes not lost; {@code total} counts unhealthy ones too) and queue.
     * {@code oldestSubmittedAtSecond} is the epoch second the longest-waiting job was submitted,
     * -1 when none waits. {@code queuedByShape}: waiting jobs by {@link QueueShape} label.
     */
    public record Pool(PoolId pool, int gpusTotal, int gpusAllocated, int gpusBorrowed, int gpusUnhealthy,
                       int queuedJobs, long queuedGpus, long oldestSubmittedAtSecond,
                       java.util.Map<String, Integer> queuedByShape) {
        public Pool {
            queuedByShape = java.util.Map.copyOf(queuedByShape);
        }
    }

    /** A registered node's GPUs; a lost node's count as none allocated. */
    public record Node(NodeId node, PoolId pool, NodeStatus status, int gpusTotal, int gpusAllocated,
                       int gpusUnhealthy) {}

    /** A tenant's quota and use in a pool; {@code limit} is -1 when unlimited. */
    public record Quota(TenantId tenant, PoolId pool, int guaranteed, int limit, int used, int borrowed) {}
}
