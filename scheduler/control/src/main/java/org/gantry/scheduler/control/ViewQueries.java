package org.gantry.scheduler.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.service.DemandReport;
import org.gantry.api.service.GpuAllocation;
import org.gantry.api.service.JobExplanation;
import org.gantry.api.service.NodeSummary;
import org.gantry.api.service.PoolSummary;
import org.gantry.api.service.QueueEntry;
import org.gantry.api.service.StartRange;
import org.gantry.api.service.QueuePage;
import org.gantry.api.service.QueueQuery;
import org.gantry.api.service.TenantQuota;
import org.gantry.api.service.TenantQuota.PoolStanding;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.PendingReason;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.demand.Demand;
import org.gantry.scheduler.policy.demand.PoolDemand;
import org.gantry.scheduler.policy.forecast.StartEstimate;
import org.gantry.scheduler.policy.state.Waiting;

/** Answers to the services' questions, read off the view: pure functions, run inside the scheduler actor. */
final class ViewQueries {
    private ViewQueries() {}

    /**
     * The page {@code query} asks for of the pending jobs {@code tenant} may see (all when null).
     * Only the page's entries are built (each asks the plan why it waits); the rest are counted.
     */
    static QueuePage queue(ControlView view, Plan plan, StartForecasts forecasts, TenantId tenant, QueueQuery query) {
        List<QueueEntry> entries = new ArrayList<>();
        int position = 0;
        int visible = 0;
        for (PendingJob pending : view.queue()) {
            position++;
            if (tenant != null && !tenant.equals(pending.owner().tenant())) {
                continue;
            }
            visible++;
            if (visible <= query.offset() || entries.size() == query.limit()) {
                continue;
            }
            Job job = view.job(pending.id()).record;
            Explanation why = plan == null ? null : plan.explain(pending);
            StartEstimate forecast = forecastFor(why, forecasts, pending.id());
            entries.add(new QueueEntry(position, job.id(), job.tenant(), job.name(), job.spec().pool(),
                    job.spec().demand().min(), job.submittedAt(), why == null ? "not planned yet" : why.message(),
                    estimatedStart(why, forecast), range(forecast)));
        }
        int next = query.offset() + entries.size();
        return new QueuePage(entries, visible, next < visible ? next : null);
    }

    static JobExplanation explain(ControlView view, Plan plan, StartForecasts forecasts, JobId id) {
        TrackedJob tracked = view.job(id);
        if (tracked == null) {
            return null;
        }
        Job job = tracked.record;
        PendingJob queued = view.queued(tracked);
        if (queued != null) {
            int position = 1;
            for (PendingJob pending : view.queue()) {
                if (pending.id().equals(id)) {
                    break;
                }
                position++;
            }
            Explanation why = plan == null ? null : plan.explain(queued);
            if (why == null) {
                return new JobExplanation(id, job.state(), "NOT_PLANNED", "waiting for the next scheduling pass",
                        position, null);
            }
            StartEstimate forecast = forecastFor(why, forecasts, id);
            return new JobExplanation(id, job.state(), why.reason().name(), why.message(), position,
                    estimatedStart(why, forecast), range(forecast));
        }
        if (tracked.reservingAttempt > 0) {
            return new JobExplanation(id, job.state(), "PLACING", "placed on " + describe(tracked)
                    + "; recording the placement", null, null);
        }
        String detail = switch (job.state()) {
            case SCHEDULED -> "placed on " + describe(tracked) + "; the workload is starting";
            case RUNNING -> "running on " + describe(tracked) + " since " + job.startedAt();
            case SUSPENDING -> "stopping on " + describe(tracked) + ": " + job.reason();
            default -> job.reason() == null ? job.state().name().toLowerCase() : job.reason();
        };
        return new JobExplanation(id, job.state(), job.state().name(), detail, null, null);
    }

    private static String describe(TrackedJob job) {
        return new TreeMap<>(Allocations.toLists(job.held)).entrySet().stream()
                .map(slice -> slice.getKey() + " GPUs " + slice.getValue()).collect(Collectors.joining(", "));
    }

    /** The background forecast for a waiting job; none for a job that can never start, whatever a stale forecast said. */
    private static StartEstimate forecastFor(Explanation why, StartForecasts forecasts, JobId id) {
        return why != null && why.reason() == PendingReason.NEVER_FITS ? null : forecasts.of(id);
    }

    /** The forecast's point where there is one, else the pass's own (a reservation's start). */
    private static Instant estimatedStart(Explanation why, StartEstimate forecast) {
        if (forecast != null) {
            return Instant.ofEpochSecond(forecast.start());
        }
        return why == null || why.estimatedStart().isEmpty() ? null
                : Instant.ofEpochSecond(why.estimatedStart().getAsLong());
    }

    private static StartRange range(StartEstimate forecast) {
        return forecast == null ? null
                : new StartRange(Instant.ofEpochSecond(forecast.earliest()), Instant.ofEpochSecond(forecast.latest()));
    }

    /** @param viewer the tenant asking, whose jobs alone each node lists; null for the admin (every job) */
    static List<NodeSummary> nodes(ControlView view, TenantId viewer) {
        List<NodeSummary> summaries = new ArrayList<>();
        for (NodeEntry node : view.nodes()) {
            if (node.agent() != null) {
                summaries.add(summary(view, node, viewer));
            }
        }
        summaries.sort((a, b) -> a.id().compareTo(b.id()));
        return summaries;
    }

    static NodeSummary summary(ControlView view, NodeEntry node) {
        return summary(view, node, null);
    }

    private static NodeSummary summary(ControlView view, NodeEntry node, TenantId viewer) {
        List<TrackedJob> on = view.jobsOn(node.id());
        List<JobId> jobs = on.stream().filter(job -> viewer == null || viewer.equals(job.record.tenant()))
                .map(TrackedJob::id).sorted().toList();
        String model = node.typicalGpu() == null ? "none" : node.typicalGpu().model();
        int healthy = node.healthyGpus().size();
        int free = node.status() == NodeStatus.LOST ? 0 : node.healthyGpus().minus(view.taken(node.id())).size();
        int unhealthy = node.info().gpus().size() - node.info().healthyGpuCount();
        NodeStatus status = node.status() == NodeStatus.DRAINING && on.isEmpty() ? NodeStatus.DRAINED : node.status();
        return new NodeSummary(node.id(), node.info().pool(), status, model, healthy, free, node.labels(),
                jobs, node.lastSeen(), unhealthy, node.info().gpuProblem(), node.info().gpus(), node.info().isolation(),
                allocated(view, node.id()));
    }

    /** Each GPU the node's jobs hold, by index, with its job and tenant (the service hides them from others). */
    private static List<GpuAllocation> allocated(ControlView view, NodeId node) {
        List<GpuAllocation> allocated = new ArrayList<>();
        for (TrackedJob job : view.jobsOn(node)) {
            GpuSet held = job.held.get(node);
            if (held != null) {
                for (int gpu : held.indices()) {
                    allocated.add(new GpuAllocation(gpu, job.id(), job.record.tenant()));
                }
            }
        }
        allocated.sort(Comparator.comparingInt(GpuAllocation::gpu));
        return allocated;
    }

    static List<PoolSummary> pools(ControlView view) {
        Map<PoolId, int[]> byPool = new TreeMap<>(); // nodes, gpus, free, running, pending, pendingGpus
        for (PoolId pool : knownPools(view)) {
            byPool.put(pool, new int[6]);
        }
        for (NodeEntry node : view.nodes()) {
            if (node.agent() == null || node.status() == NodeStatus.LOST) {
                continue;
            }
            int[] counts = byPool.computeIfAbsent(node.info().pool(), p -> new int[6]);
            counts[0]++;
            counts[1] += node.healthyGpus().size();
            if (node.status() == NodeStatus.READY) {
                counts[2] += node.healthyGpus().minus(view.taken(node.id())).size();
            }
        }
        for (RunningJob job : view.holding()) {
            byPool.computeIfAbsent(job.owner().pool(), p -> new int[6])[3]++;
        }
        byPool.forEach((pool, counts) -> {
            Waiting waiting = view.waitingIn(pool);
            counts[4] = waiting.jobs();
            counts[5] = waiting.gpus();
        });
        List<PoolSummary> pools = new ArrayList<>();
        byPool.forEach((pool, c) -> {
            long guaranteed = view.quotas().guaranteedIn(pool);
            pools.add(new PoolSummary(pool, c[0], c[1], c[2], c[3], c[4], c[5], guaranteed, guaranteed > c[1]));
        });
        return pools;
    }

    /** The pool's pending demand (see {@link PoolDemand}); null when no job may name the pool. */
    static DemandReport demand(ControlView view, PoolId pool, int nodes, int gpusPerNode) {
        if (!knownPools(view).contains(pool)) {
            return null;
        }
        Demand demand = PoolDemand.of(view.queue(), pool, view.quotas(), view.usage(), nodes, gpusPerNode);
        Demand.Added added = demand.added();
        return new DemandReport(pool, demand.pendingJobs(), demand.pendingGpus(), demand.shapes().stream()
                .map(shape -> new DemandReport.Shape(shape.gpus(), shape.jobs(), shape.startable())).toList(),
                added == null ? null : new DemandReport.IfAdded(added.nodes(), added.gpusPerNode(),
                        added.startableJobs(), added.startableGpus()));
    }

    /** Pools a job may name: those with nodes, those with quota, and the default pool. */
    static Set<PoolId> knownPools(ControlView view) {
        Set<PoolId> pools = new TreeSet<>();
        pools.add(PoolId.DEFAULT);
        view.nodes().stream().filter(node -> node.agent() != null).forEach(node -> pools.add(node.info().pool()));
        view.quotas().pools().forEach(pools::add);
        return pools;
    }

    static TenantQuota standing(ControlView view, TenantId tenant) {
        Map<PoolId, PoolStanding> pools = new TreeMap<>();
        for (PoolId pool : knownPools(view)) {
            TenantPool tenantPool = new TenantPool(tenant, pool);
            PoolQuota quota = view.quotas().quota(tenantPool);
            int used = view.used(tenantPool);
            long waiting = view.queue().waitingGpus(tenantPool);
            if (quota.equals(PoolQuota.NONE) && used == 0 && waiting == 0) {
                continue;
            }
            Integer limit = quota.limit() == PoolQuota.UNLIMITED ? null : quota.limit();
            pools.put(pool, new PoolStanding(quota.guaranteed(), limit, used, Math.max(0, used - quota.guaranteed()),
                    (int) Math.min(Integer.MAX_VALUE, waiting)));
        }
        return new TenantQuota(tenant, pools, Overcommitments.warnings(capacity(view), view.quotas(),
                pools.keySet()));
    }

    /** Healthy GPUs per pool on the nodes that count (registered, not lost), as {@link #pools} counts them. */
    static Map<PoolId, Integer> capacity(ControlView view) {
        Map<PoolId, Integer> capacity = new TreeMap<>();
        for (PoolSummary pool : pools(view)) {
            capacity.put(pool.id(), pool.gpus());
        }
        return capacity;
    }

    /** What a new job must name, and what it is warned about, as the view stands (see {@link SubmitRules}). */
    static SubmitRules submitRules(ControlView view) {
        PendingCounts pending = view.pendingCounts();
        return new SubmitRules(view.tenants().keySet(), knownPools(view), capacity(view), view.quotas(),
                pending.atCap(), pending.cap());
    }
}
