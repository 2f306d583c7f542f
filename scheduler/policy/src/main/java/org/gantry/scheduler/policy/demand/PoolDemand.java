package org.gantry.scheduler.policy.demand;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gantry.api.cluster.PoolId;
import org.gantry.quota.Admission;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.QuotaMath;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.PendingJob;

/**
 * A pool's pending demand, and what more nodes would do about it: a pure function of the queue
 * (in scheduling order), the quotas and what tenants hold, for autoscalers.
 *
 * <p>"Would start" replays the queue in order onto {@code nodes} empty nodes of
 * {@code gpusPerNode} GPUs, as if nothing else ran there: a job that fits one node goes to the
 * fullest node it fits (best fit, as the policy packs); a larger one (a gang) takes whole empty
 * nodes, as many as it needs; a job its tenant's quota would refuse (its limit, or borrowing
 * by a non-preemptible job) is skipped, counting what the replay already started. Placement
 * constraints (GPU model, memory) are not checked: the nodes' kind is the caller's to choose.
 */
public final class PoolDemand {
    /** GPUs a node may have: a node's GPUs are a 64-bit set. */
    public static final int MAX_GPUS_PER_NODE = 64;
    /** Nodes one question may add. */
    public static final int MAX_NODES = 100_000;

    private PoolDemand() {}

    /**
     * @param queue pending jobs of every pool, in scheduling order
     * @param used  GPUs each tenant holds now, per pool
     * @param nodes more nodes to consider (0: only the shapes)
     */
    public static Demand of(Iterable<PendingJob> queue, PoolId pool, QuotaBook book, Map<TenantPool, Integer> used,
                            int nodes, int gpusPerNode) {
        if (nodes < 0 || nodes > MAX_NODES || (nodes > 0 && (gpusPerNode < 1 || gpusPerNode > MAX_GPUS_PER_NODE))) {
            throw new IllegalArgumentException(nodes + " nodes of " + gpusPerNode + " GPUs");
        }
        Map<Integer, int[]> shapes = new TreeMap<>(); // gpus -> {jobs, startable}
        Nodes free = nodes > 0 ? new Nodes(nodes, gpusPerNode) : null;
        Map<TenantPool, Integer> started = new HashMap<>();
        int pendingJobs = 0;
        long pendingGpus = 0;
        int startableJobs = 0;
        long startableGpus = 0;
        for (PendingJob job : queue) {
            if (!job.owner().pool().equals(pool)) {
                continue;
            }
            int gpus = job.gpus().min();
            int[] shape = shapes.computeIfAbsent(gpus, g -> new int[2]);
            shape[0]++;
            pendingJobs++;
            pendingGpus += gpus;
            if (free == null || free.isFull()) {
                continue;
            }
            int holds = used.getOrDefault(job.owner(), 0) + started.getOrDefault(job.owner(), 0);
            Admission admission = QuotaMath.admit(book.quota(job.owner()), holds, gpus, job.preemptible(),
                    free.freeGpus());
            if (admission instanceof Admission.Refused || !free.take(gpus)) {
                continue;
            }
            started.merge(job.owner(), gpus, Integer::sum);
            shape[1]++;
            startableJobs++;
            startableGpus += gpus;
        }
        List<Demand.Shape> list = new ArrayList<>();
        shapes.forEach((gpus, counts) -> list.add(new Demand.Shape(gpus, counts[0], free == null ? null : counts[1])));
        return new Demand(pendingJobs, pendingGpus, list,
                free == null ? null : new Demand.Added(nodes, gpusPerNode, startableJobs, startableGpus));
    }

    /** The added nodes, as a count of nodes per number of free GPUs: best fit in O(GPUs per node). */
    private static final class Nodes {
        private final int[] withFree;
        private final int size;
        private long freeGpus;

        Nodes(int nodes, int size) {
            this.size = size;
            this.withFree = new int[size + 1];
            this.withFree[size] = nodes;
            this.freeGpus = (long) nodes * size;
        }

        boolean isFull() {
            return freeGpus == 0;
        }

        long freeGpus() {
            return freeGpus;
        }

        /** Takes {@code gpus}: on the fullest node with room, or whole empty nodes for a gang; false when it cannot. */
        boolean take(int gpus) {
            if (gpus <= size) {
                for (int free = gpus; free <= size; free++) {
                    if (withFree[free] > 0) {
                        withFree[free]--;
                        withFree[free - gpus]++;
                        freeGpus -= gpus;
                        return true;
                    }
                }
                return false;
            }
            int whole = (gpus + size - 1) / size;
            if (withFree[size] < whole) {
                return false;
            }
            withFree[size] -= whole;
            withFree[0] += whole - 1;
            withFree[whole * size - gpus]++; // the last node's leftover, which the gang does not use
            freeGpus -= gpus;
            return true;
        }
    }
}
