package org.gantry.ops.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import java.util.List;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobState;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.ControlMetrics;

/** What the scheduler counts where it happens, as Prometheus counters and histograms. */
final class SchedulerCounters implements ControlMetrics {
    /** The victim rules' codes, so their series exist (at 0) before the first preemption. */
    static final List<String> PREEMPTION_CODES = List.of("reclaim_borrowed", "higher_priority",
            "shorter_remaining_work", "least_attained_service", "smaller_gittins_rank", "other");

    private final Histogram passes;
    private final Histogram waits;
    private final Histogram runs;
    private final Counter ended;
    private final Counter preemptions;
    private final Counter resizes;
    private final Counter requeues;
    private final Counter heartbeats;
    private final Counter lost;

    SchedulerCounters(CollectorRegistry registry) {
        passes = Histogram.build("gantry_scheduling_pass_seconds",
                        "How long one scheduling pass (snapshot, plan, apply) took.")
                .buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
                .register(registry);
        waits = Histogram.build("gantry_job_wait_seconds",
                        "From submit to the first attempt running, per pool.")
                .labelNames("pool")
                .buckets(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400)
                .register(registry);
        runs = Histogram.build("gantry_job_run_seconds",
                        "How long a finished job's last attempt ran, per pool and final state.")
                .labelNames("pool", "state")
                .buckets(1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400, 259200)
                .register(registry);
        ended = Counter.build("gantry_jobs_finished_total",
                        "Jobs that reached a final state, per state, tenant and pool (since this scheduler started).")
                .labelNames("state", "tenant", "pool").register(registry);
        preemptions = Counter.build("gantry_preemptions_total",
                        "Running jobs checkpointed and requeued for a waiting job, per the rule that allowed it.")
                .labelNames("reason").register(registry);
        resizes = Counter.build("gantry_resizes_total", "Elastic jobs resized (checkpoint and restart), per reason.")
                .labelNames("reason").register(registry);
        requeues = Counter.build("gantry_requeues_total",
                        "Jobs holding GPUs sent back to the queue by the control plane, per reason.")
                .labelNames("reason").register(registry);
        heartbeats = Counter.build("gantry_heartbeats_total", "Agent reports (registrations and heartbeats) received.")
                .register(registry);
        lost = Counter.build("gantry_nodes_lost_total", "Nodes marked lost (silent or gone from the cluster).")
                .register(registry);
        PREEMPTION_CODES.forEach(code -> preemptions.labels(code));
        resizes.labels(RESIZE_SHRINK);
        resizes.labels(RESIZE_GROW);
        REQUEUE_CODES.forEach(code -> requeues.labels(code));
    }

    @Override
    public void passCompleted(long nanos) {
        passes.observe(nanos / 1e9);
    }

    @Override
    public void jobStarted(PoolId pool, long waitedSeconds) {
        waits.labels(pool.value()).observe(waitedSeconds);
    }

    @Override
    public void jobEnded(JobState state, TenantId tenant, PoolId pool, long ranSeconds) {
        ended.labels(state.name(), tenant.value(), pool.value()).inc();
        if (ranSeconds >= 0) {
            runs.labels(pool.value(), state.name()).observe(ranSeconds);
        }
    }

    @Override
    public void preempted(String code) {
        preemptions.labels(code).inc();
    }

    @Override
    public void resized(String code) {
        resizes.labels(code).inc();
    }

    @Override
    public void requeued(String code) {
        requeues.labels(code).inc();
    }

    @Override
    public void heartbeat() {
        heartbeats.inc();
    }

    @Override
    public void nodeLost() {
        lost.inc();
    }
}
