package org.gantry.scheduler.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Concise builders for policy tests: nodes, running jobs and pending jobs, assembled into a
 * {@link Snapshot} whose free GPUs and usage ledger follow from the running jobs, and whose
 * running jobs are ordered by estimated end, as the policy requires.
 */
final class Clusters {
    static final PoolId POOL = PoolId.of("p");
    static final long NOW = 10_000;

    private Clusters() {}

    static Cluster cluster() {
        return new Cluster();
    }

    static NodeSpec node(String id, int gpus) {
        return new NodeSpec(id, gpus);
    }

    static Run run(String id) {
        return new Run(id);
    }

    static Job job(String id) {
        return new Job(id);
    }

    static TenantPool tenant(String name) {
        return tenant(name, POOL.value());
    }

    static TenantPool tenant(String name, String pool) {
        return new TenantPool(TenantId.of(name), PoolId.of(pool));
    }

    static JobId id(String value) {
        return JobId.of(value);
    }

    /** A one-node allocation, for assertions: {@code on("n1", 0, 1)}. */
    static Map<NodeId, GpuSet> on(String node, int... gpus) {
        return Map.of(NodeId.of(node), GpuSet.of(gpus));
    }

    /** A two-node allocation. */
    static Map<NodeId, GpuSet> on(String node1, GpuSet gpus1, String node2, GpuSet gpus2) {
        return Map.of(NodeId.of(node1), gpus1, NodeId.of(node2), gpus2);
    }

    static GpuSet gpus(int... indices) {
        return GpuSet.of(indices);
    }

    static final class NodeSpec {
        private final String id;
        private final int gpus;
        private String pool = POOL.value();
        private String model = "a100";
        private long memoryMiB = 81_920;
        private final Map<String, String> labels = new HashMap<>();
        private boolean schedulable = true;

        private NodeSpec(String id, int gpus) {
            this.id = id;
            this.gpus = gpus;
        }

        NodeSpec pool(String value) {
            pool = value;
            return this;
        }

        NodeSpec model(String value) {
            model = value;
            return this;
        }

        NodeSpec memory(long mib) {
            memoryMiB = mib;
            return this;
        }

        NodeSpec label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        NodeSpec cordoned() {
            schedulable = false;
            return this;
        }

        NodeView view(GpuSet busy) {
            GpuSet all = GpuSet.firstN(gpus);
            if (!all.containsAll(busy)) {
                throw new IllegalStateException("running jobs hold GPUs " + busy + " that node " + id + " lacks");
            }
            return new NodeView(NodeId.of(id), PoolId.of(pool), model, memoryMiB, labels, schedulable, all,
                    all.minus(busy));
        }
    }

    static final class Run {
        private final String id;
        private TenantPool owner = Clusters.tenant("a");
        private final Map<NodeId, GpuSet> allocation = new LinkedHashMap<>();
        private Integer min;
        private Integer max;
        private int priority;
        private boolean preemptible = true;
        private long startedAt = 0;
        private Long checkpointAt;
        private long endsAt = NOW + 3_600;
        private boolean suspending;
        private double attained;

        private Run(String id) {
            this.id = id;
        }

        Run tenant(String name) {
            owner = Clusters.tenant(name, owner.pool().value());
            return this;
        }

        Run owner(TenantPool value) {
            owner = value;
            return this;
        }

        Run on(String node, int... gpus) {
            allocation.put(NodeId.of(node), GpuSet.of(gpus));
            return this;
        }

        Run elastic(int minGpus, int maxGpus) {
            min = minGpus;
            max = maxGpus;
            return this;
        }

        Run priority(int value) {
            priority = value;
            return this;
        }

        Run nonPreemptible() {
            preemptible = false;
            return this;
        }

        Run started(long at) {
            startedAt = at;
            return this;
        }

        Run checkpointed(long at) {
            checkpointAt = at;
            return this;
        }

        Run ends(long at) {
            endsAt = at;
            return this;
        }

        Run suspending() {
            suspending = true;
            return this;
        }

        /** GPU-seconds of service it had before its current allocation (for least-attained-service). */
        Run attained(double gpuSeconds) {
            attained = gpuSeconds;
            return this;
        }

        RunningJob build() {
            int held = allocation.values().stream().mapToInt(GpuSet::size).sum();
            GpuRequest request = min == null ? GpuRequest.fixed(held) : GpuRequest.elastic(min, max);
            return new RunningJob(JobId.of(id), owner, request, allocation, priority, preemptible, startedAt,
                    checkpointAt == null ? startedAt : checkpointAt, 0, endsAt, suspending, attained);
        }
    }

    static final class Job {
        private final String id;
        private TenantPool owner = Clusters.tenant("a");
        private GpuRequest gpus = GpuRequest.fixed(1);
        private String model;
        private long memoryMiB;
        private final Map<String, String> selector = new HashMap<>();
        private long submittedAt;
        private long estimatedSeconds = 3_600;
        private int priority;
        private boolean preemptible = true;
        private double attained;

        private Job(String id) {
            this.id = id;
        }

        Job tenant(String name) {
            owner = Clusters.tenant(name, owner.pool().value());
            return this;
        }

        Job pool(String name) {
            owner = Clusters.tenant(owner.tenant().value(), name);
            return this;
        }

        Job gpus(int count) {
            gpus = GpuRequest.fixed(count);
            return this;
        }

        Job elastic(int min, int max) {
            gpus = GpuRequest.elastic(min, max);
            return this;
        }

        Job model(String value) {
            model = value;
            return this;
        }

        Job memory(long mib) {
            memoryMiB = mib;
            return this;
        }

        Job label(String key, String value) {
            selector.put(key, value);
            return this;
        }

        Job submitted(long at) {
            submittedAt = at;
            return this;
        }

        Job estimate(long seconds) {
            estimatedSeconds = seconds;
            return this;
        }

        Job priority(int value) {
            priority = value;
            return this;
        }

        Job nonPreemptible() {
            preemptible = false;
            return this;
        }

        Job attained(double gpuSeconds) {
            attained = gpuSeconds;
            return this;
        }

        PendingJob build() {
            return new PendingJob(JobId.of(id), owner, gpus, new PlacementConstraints(model, memoryMiB, selector),
                    submittedAt, estimatedSeconds, priority, preemptible, attained);
        }
    }

    static final class Cluster {
        private long now = NOW;
        private final List<NodeSpec> nodes = new ArrayList<>();
        private final List<Run> running = new ArrayList<>();
        private final List<Job> pending = new ArrayList<>();
        private final Map<TenantPool, PoolQuota> quotas = new HashMap<>();

        Cluster at(long value) {
            now = value;
            return this;
        }

        Cluster nodes(NodeSpec... specs) {
            nodes.addAll(List.of(specs));
            return this;
        }

        Cluster running(Run... runs) {
            running.addAll(List.of(runs));
            return this;
        }

        Cluster pending(Job... jobs) {
            pending.addAll(List.of(jobs));
            return this;
        }

        /** Grant a quota; once any is granted, tenants without one get none. Without any, quotas are off. */
        Cluster quota(String tenant, int guaranteed, int limit) {
            return quota(Clusters.tenant(tenant), guaranteed, limit);
        }

        Cluster quota(TenantPool tenantPool, int guaranteed, int limit) {
            quotas.put(tenantPool, new PoolQuota(guaranteed, limit));
            return this;
        }

        Snapshot snapshot(QueueOrder order) {
            List<RunningJob> jobs = running.stream().map(Run::build)
                    .sorted(Comparator.comparingLong(RunningJob::estimatedEnd).thenComparing(RunningJob::id))
                    .toList();
            var busy = new HashMap<NodeId, GpuSet>();
            var usage = new HashMap<TenantPool, Integer>();
            for (RunningJob job : jobs) {
                job.allocation().forEach((node, gpus) -> {
                    GpuSet before = busy.getOrDefault(node, GpuSet.EMPTY);
                    if (before.intersects(gpus)) {
                        throw new IllegalStateException("two running jobs hold GPUs " + gpus + " on " + node);
                    }
                    busy.put(node, before.union(gpus));
                });
                usage.merge(job.owner(), job.gpuCount(), Integer::sum);
            }
            var views = new ArrayList<NodeView>();
            for (NodeSpec spec : nodes) {
                views.add(spec.view(busy.getOrDefault(NodeId.of(spec.id), GpuSet.EMPTY)));
            }
            for (NodeId node : busy.keySet()) {
                if (views.stream().noneMatch(view -> view.id().equals(node))) {
                    throw new IllegalStateException("a running job holds GPUs on unknown node " + node);
                }
            }
            QuotaBook book = quotas.isEmpty() ? QuotaBook.unlimited() : QuotaBook.of(quotas);
            PendingQueue queue = IncrementalPendingQueue.of(order, pending.stream().map(Job::build).toList());
            return new Snapshot(1, now, views, jobs, queue, book, UsageLedger.of(usage));
        }

        Plan plan(SchedulingPolicy policy) {
            return policy.plan(snapshot(policy.order()));
        }
    }
}
