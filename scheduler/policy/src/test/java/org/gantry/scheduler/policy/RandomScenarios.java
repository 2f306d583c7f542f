package org.gantry.scheduler.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.quota.UsageLedger;
import org.gantry.scheduler.predict.DurationDistribution;
import org.gantry.scheduler.predict.DurationOutlook;

/**
 * Seeded random clusters for property tests: mixed pools, node sizes, GPU models and labels,
 * cordoned nodes and missing (unhealthy) GPUs, running work that respects quota (some of it
 * elastic, multi-node, suspending or freshly started), and a queue of fixed, elastic, gang and
 * constrained jobs from tenants with and without quotas. The same seed gives the same snapshot.
 */
final class RandomScenarios {
    static final long NOW = 1_000_000;
    static final long MIN_RUN_SECONDS = 300;
    static final List<PoolId> POOLS = List.of(PoolId.DEFAULT, PoolId.of("big"));
    static final List<TenantId> TENANTS = List.of(TenantId.of("vision"), TenantId.of("nlp"), TenantId.of("speech"),
            TenantId.of("robotics"));
    private static final int[] NODE_SIZES = {1, 2, 4, 8, 8, 8};
    private static final int[] JOB_SIZES = {1, 1, 1, 1, 2, 2, 4, 8, 12, 16};
    private static final String[] MODELS = {"A100", "H100"};

    private RandomScenarios() {}

    static Snapshot snapshot(long seed, QueueOrder order) {
        var random = new Random(seed);
        List<NodeView> nodes = nodes(random);
        QuotaBook quotas = quotas(random);
        var usage = new HashMap<TenantPool, Integer>();
        List<RunningJob> running = running(random, nodes, quotas, usage);
        List<NodeView> withFree = freeAfter(nodes, running);
        List<PendingJob> pending = pending(random);
        running.sort(Comparator.comparingLong(RunningJob::estimatedEnd));
        return new Snapshot(seed, NOW, withFree, running, IncrementalPendingQueue.of(order, pending), quotas,
                UsageLedger.of(usage));
    }

    private static List<NodeView> nodes(Random random) {
        int count = 1 + random.nextInt(10);
        var nodes = new ArrayList<NodeView>();
        for (int i = 0; i < count; i++) {
            int size = NODE_SIZES[random.nextInt(NODE_SIZES.length)];
            GpuSet gpus = GpuSet.firstN(size);
            if (size > 1 && random.nextInt(8) == 0) {
                gpus = gpus.minus(GpuSet.of(random.nextInt(size))); // an unhealthy GPU is withheld
            }
            String model = MODELS[random.nextInt(MODELS.length)];
            nodes.add(new NodeView(NodeId.of("node-" + i), POOLS.get(random.nextInt(4) == 0 ? 1 : 0), model,
                    model.equals("H100") ? 81_920 : 40_960, Map.of("zone", random.nextBoolean() ? "a" : "b"),
                    random.nextInt(7) != 0, gpus, gpus));
        }
        return nodes;
    }

    private static QuotaBook quotas(Random random) {
        if (random.nextInt(5) == 0) {
            return QuotaBook.unlimited();
        }
        var quotas = new HashMap<TenantPool, PoolQuota>();
        for (TenantId tenant : TENANTS) {
            for (PoolId pool : POOLS) {
                if (random.nextInt(6) != 0) {
                    int guaranteed = random.nextInt(9);
                    quotas.put(new TenantPool(tenant, pool), new PoolQuota(guaranteed, guaranteed + random.nextInt(17)));
                }
            }
        }
        return QuotaBook.of(quotas);
    }

    private static List<RunningJob> running(Random random, List<NodeView> nodes, QuotaBook quotas,
                                            Map<TenantPool, Integer> usage) {
        var free = new HashMap<NodeId, GpuSet>();
        nodes.forEach(node -> free.put(node.id(), node.gpus()));
        var running = new ArrayList<RunningJob>();
        int attempts = random.nextInt(3 * nodes.size() + 1);
        for (int i = 0; i < attempts; i++) {
            NodeView node = nodes.get(random.nextInt(nodes.size()));
            TenantPool owner = new TenantPool(TENANTS.get(random.nextInt(TENANTS.size())), node.pool());
            Map<NodeId, GpuSet> allocation = new HashMap<>();
            if (random.nextInt(10) == 0) {
                // A gang on whole nodes of the pool, if two are entirely free.
                nodes.stream().filter(n -> n.pool().equals(node.pool()) && free.get(n.id()).equals(n.gpus())
                        && !n.gpus().isEmpty()).limit(2).forEach(n -> allocation.put(n.id(), n.gpus()));
                if (allocation.size() < 2) {
                    continue;
                }
            } else {
                GpuSet available = free.get(node.id());
                if (available.isEmpty()) {
                    continue;
                }
                allocation.put(node.id(), available.lowest(1 + random.nextInt(available.size())));
            }
            int size = allocation.values().stream().mapToInt(GpuSet::size).sum();
            if (usage.getOrDefault(owner, 0) + size > quotas.quota(owner).limit()) {
                continue;
            }
            allocation.forEach((id, gpus) -> free.put(id, free.get(id).minus(gpus)));
            usage.merge(owner, size, Integer::sum);
            boolean elastic = allocation.size() == 1 && random.nextInt(3) == 0;
            GpuRequest request = elastic
                    ? GpuRequest.elastic(1 + random.nextInt(size), size + random.nextInt(4))
                    : GpuRequest.fixed(size);
            long allocatedAt = NOW - random.nextInt(2 * (int) MIN_RUN_SECONDS);
            long checkpointAt = allocatedAt + random.nextInt((int) (NOW - allocatedAt) + 1);
            running.add(new RunningJob(JobId.of("run-" + i), owner, request, allocation, random.nextInt(3),
                    random.nextInt(5) != 0, allocatedAt, checkpointAt, 0, NOW - 50 + random.nextInt(3000),
                    random.nextInt(10) == 0, random.nextInt(50_000), outlook(-1 - i)));
        }
        return running;
    }

    private static List<NodeView> freeAfter(List<NodeView> nodes, List<RunningJob> running) {
        var held = new HashMap<NodeId, GpuSet>();
        running.forEach(job -> job.allocation().forEach((node, gpus) -> held.merge(node, gpus, GpuSet::union)));
        return nodes.stream().map(node -> node.withFree(node.gpus().minus(held.getOrDefault(node.id(), GpuSet.EMPTY))))
                .toList();
    }

    private static List<PendingJob> pending(Random random) {
        int count = random.nextInt(16);
        var pending = new ArrayList<PendingJob>();
        for (int i = 0; i < count; i++) {
            int size = JOB_SIZES[random.nextInt(JOB_SIZES.length)];
            GpuRequest gpus = random.nextInt(4) == 0 ? GpuRequest.elastic(size, size + random.nextInt(8))
                    : GpuRequest.fixed(size);
            PlacementConstraints constraints = switch (random.nextInt(8)) {
                case 0 -> new PlacementConstraints(MODELS[random.nextInt(2)], 0, Map.of());
                case 1 -> new PlacementConstraints(null, 81_920, Map.of());
                case 2 -> new PlacementConstraints(null, 0, Map.of("zone", "a"));
                default -> PlacementConstraints.EMPTY;
            };
            TenantPool owner = new TenantPool(TENANTS.get(random.nextInt(TENANTS.size())),
                    POOLS.get(random.nextInt(4) == 0 ? 1 : 0));
            pending.add(new PendingJob(JobId.of("job-" + i), owner, gpus, constraints, NOW - random.nextInt(5000),
                    1 + random.nextInt(5000), random.nextInt(3), random.nextInt(7) != 0, random.nextInt(50_000),
                    outlook(i)));
        }
        return pending;
    }

    /**
     * A duration outlook for the Gittins order (none for one job in four), drawn from its own seed so
     * that the scenario's other draws, which other tests rely on, stay as they were.
     */
    private static DurationOutlook outlook(long salt) {
        var own = new Random(salt * 7919 + 17);
        if (own.nextInt(4) == 0) {
            return null;
        }
        long[] samples = new long[1 + own.nextInt(8)];
        for (int k = 0; k < samples.length; k++) {
            samples[k] = 1 + own.nextInt(20_000);
        }
        return DurationOutlook.of(DurationDistribution.of(samples));
    }
}
