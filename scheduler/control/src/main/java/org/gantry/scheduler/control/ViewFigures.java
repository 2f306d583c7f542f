package org.gantry.scheduler.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobState;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;

/**
 * Counts the view up into {@link ClusterFigures}: one walk over the live jobs, the queue and the
 * nodes, run inside the scheduler actor once a tick (not per scrape).
 */
final class ViewFigures {
    private ViewFigures() {}

    static ClusterFigures of(ControlView view, long nowMillis) {
        List<ClusterFigures.Quota> quotas = quotas(view);
        return new ClusterFigures(nowMillis, jobs(view), pools(view, quotas), nodes(view), quotas);
    }

    private record JobKey(JobState state, TenantPool owner) {}

    private static List<ClusterFigures.Jobs> jobs(ControlView view) {
        Map<JobKey, Integer> counts = new HashMap<>();
        for (TrackedJob job : view.jobs()) {
            counts.merge(new JobKey(job.record.state(), job.owner()), 1, Integer::sum);
        }
        List<ClusterFigures.Jobs> jobs = new ArrayList<>(counts.size());
        counts.forEach((key, count) -> jobs.add(new ClusterFigures.Jobs(key.state(), key.owner().tenant(),
                key.owner().pool(), count)));
        return jobs;
    }

    private static List<ClusterFigures.Pool> pools(ControlView view, List<ClusterFigures.Quota> quotas) {
        Map<PoolId, long[]> byPool = new TreeMap<>(); // total, allocated, borrowed, unhealthy, queued, queued GPUs, oldest
        for (PoolId pool : ViewQueries.knownPools(view)) {
            byPool.put(pool, emptyPool());
        }
        for (NodeEntry node : view.nodes()) {
            if (node.agent() == null || node.status() == NodeStatus.LOST) {
                continue;
            }
            long[] figures = byPool.computeIfAbsent(node.info().pool(), pool -> emptyPool());
            figures[0] += node.info().gpus().size();
            figures[1] += view.taken(node.id()).size();
            figures[3] += node.info().gpus().size() - node.info().healthyGpuCount();
        }
        for (ClusterFigures.Quota quota : quotas) {
            byPool.computeIfAbsent(quota.pool(), pool -> emptyPool())[2] += quota.borrowed();
        }
        Map<PoolId, Map<String, Integer>> shapes = new HashMap<>();
        for (PendingJob pending : view.queue()) {
            shapes.computeIfAbsent(pending.owner().pool(), pool -> new TreeMap<>())
                    .merge(QueueShape.of(pending.gpus().min()), 1, Integer::sum);
            long[] figures = byPool.computeIfAbsent(pending.owner().pool(), pool -> emptyPool());
            figures[4]++;
            figures[5] += pending.gpus().min();
            if (figures[6] < 0 || pending.submittedAt() < figures[6]) {
                figures[6] = pending.submittedAt();
            }
        }
        List<ClusterFigures.Pool> pools = new ArrayList<>(byPool.size());
        byPool.forEach((pool, f) -> pools.add(new ClusterFigures.Pool(pool, (int) f[0], (int) f[1], (int) f[2],
                (int) f[3], (int) f[4], f[5], f[6], shapes.getOrDefault(pool, Map.of()))));
        return pools;
    }

    private static long[] emptyPool() {
        return new long[] {0, 0, 0, 0, 0, 0, -1};
    }

    private static List<ClusterFigures.Node> nodes(ControlView view) {
        List<ClusterFigures.Node> nodes = new ArrayList<>();
        for (NodeEntry node : view.nodes()) {
            if (node.agent() == null) {
                continue; // known only from a placement before a restart: not registered again yet
            }
            int allocated = node.status() == NodeStatus.LOST ? 0 : view.taken(node.id()).size();
            nodes.add(new ClusterFigures.Node(node.id(), node.info().pool(), node.status(), node.info().gpus().size(),
                    allocated, node.info().gpus().size() - node.info().healthyGpuCount()));
        }
        return nodes;
    }

    /** Every tenant-pool with a quota or GPUs in use: borrowed is what it uses above its guarantee. */
    private static List<ClusterFigures.Quota> quotas(ControlView view) {
        Map<TenantPool, Integer> used = new HashMap<>();
        for (RunningJob job : view.holding()) {
            used.merge(job.owner(), job.gpuCount(), Integer::sum);
        }
        Map<TenantPool, PoolQuota> granted = new HashMap<>(view.quotas().granted());
        used.keySet().forEach(owner -> granted.putIfAbsent(owner, view.quotas().quota(owner)));
        List<ClusterFigures.Quota> quotas = new ArrayList<>(granted.size());
        granted.forEach((owner, quota) -> {
            int inUse = used.getOrDefault(owner, 0);
            int limit = quota.limit() == PoolQuota.UNLIMITED ? -1 : quota.limit();
            quotas.add(new ClusterFigures.Quota(owner.tenant(), owner.pool(), quota.guaranteed(), limit, inUse,
                    Math.max(0, inUse - quota.guaranteed())));
        });
        return quotas;
    }
}
