package org.gantry.ops.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.gantry.scheduler.control.ClusterFigures;
import org.gantry.scheduler.control.FiguresBoard;

/**
 * The gauges that describe the cluster's state, read at scrape time from the figures the
 * scheduler last published (once a tick): a scrape costs what the label sets cost (tenants ×
 * pools, nodes), never a walk over jobs, and never a message to the scheduler. On a control node
 * whose scheduler runs elsewhere they are absent and {@code gantry_scheduler_figures} is 0.
 */
final class ClusterCollector extends Collector {
    private final FiguresBoard board;
    private final LongSupplier clockMillis;

    ClusterCollector(FiguresBoard board, LongSupplier clockMillis) {
        this.board = board;
        this.clockMillis = clockMillis;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        ClusterFigures figures = board.figures();
        List<MetricFamilySamples> families = new ArrayList<>();
        families.add(new GaugeMetricFamily("gantry_scheduler_figures",
                "1 where this node's scheduler publishes the cluster gauges below, 0 where it runs elsewhere.",
                figures == null ? 0 : 1));
        if (figures == null) {
            return families;
        }
        long now = clockMillis.getAsLong();
        families.add(new GaugeMetricFamily("gantry_scheduler_figures_age_seconds",
                "How old the cluster gauges are: the scheduler counts its view up once a tick.",
                Math.max(0, now - figures.takenAtMillis()) / 1000.0));

        GaugeMetricFamily jobs = new GaugeMetricFamily("gantry_jobs",
                "Live jobs (waiting or holding GPUs) per state, tenant and pool; finished ones are gantry_jobs_finished_total.",
                List.of("state", "tenant", "pool"));
        figures.jobs().forEach(j -> jobs.addMetric(List.of(j.state().name(), j.tenant().value(), j.pool().value()),
                j.count()));
        families.add(jobs);

        GaugeMetricFamily gpus = new GaugeMetricFamily("gantry_gpus",
                "GPUs per pool on nodes not lost: total (unhealthy included), allocated, borrowed (used above "
                        + "guarantees), unhealthy.", List.of("pool", "state"));
        GaugeMetricFamily queued = new GaugeMetricFamily("gantry_queue_jobs", "Jobs waiting per pool.",
                List.of("pool"));
        GaugeMetricFamily queuedGpus = new GaugeMetricFamily("gantry_queue_gpus",
                "GPUs the waiting jobs ask for (at least) per pool.", List.of("pool"));
        GaugeMetricFamily shapes = new GaugeMetricFamily("gantry_queue_shape_jobs",
                "Jobs waiting per pool by shape, the GPUs each asks for (at least): 1 to 8 exactly, then 9-16, "
                        + "17-32, 33-64, 65+; what an autoscaler sizes nodes by (GET /pools/{pool}/demand has more).",
                List.of("pool", "gpus"));
        GaugeMetricFamily oldest = new GaugeMetricFamily("gantry_queue_oldest_wait_seconds",
                "How long the longest-waiting job of the pool has waited since submit; 0 when none waits.",
                List.of("pool"));
        for (ClusterFigures.Pool pool : figures.pools()) {
            String name = pool.pool().value();
            gpus.addMetric(List.of(name, "total"), pool.gpusTotal());
            gpus.addMetric(List.of(name, "allocated"), pool.gpusAllocated());
            gpus.addMetric(List.of(name, "borrowed"), pool.gpusBorrowed());
            gpus.addMetric(List.of(name, "unhealthy"), pool.gpusUnhealthy());
            queued.addMetric(List.of(name), pool.queuedJobs());
            queuedGpus.addMetric(List.of(name), pool.queuedGpus());
            pool.queuedByShape().forEach((shape, count) -> shapes.addMetric(List.of(name, shape), count));
            oldest.addMetric(List.of(name), pool.oldestSubmittedAtSecond() < 0 ? 0
                    : Math.max(0, now / 1000.0 - pool.oldestSubmittedAtSecond()));
        }
        families.add(gpus);
        families.add(queued);
        families.add(queuedGpus);
        families.add(shapes);
        families.add(oldest);

        GaugeMetricFamily nodeGpus = new GaugeMetricFamily("gantry_node_gpus",
                "GPUs per registered node: total, allocated, unhealthy.", List.of("node", "pool", "state"));
        GaugeMetricFamily nodes = new GaugeMetricFamily("gantry_node_status",
                "1 for each registered node's status (READY, CORDONED, DRAINING, LOST).",
                List.of("node", "pool", "status"));
        for (ClusterFigures.Node node : figures.nodes()) {
            String id = node.node().value();
            String pool = node.pool().value();
            nodeGpus.addMetric(List.of(id, pool, "total"), node.gpusTotal());
            nodeGpus.addMetric(List.of(id, pool, "allocated"), node.gpusAllocated());
            nodeGpus.addMetric(List.of(id, pool, "unhealthy"), node.gpusUnhealthy());
            nodes.addMetric(List.of(id, pool, node.status().name()), 1);
        }
        families.add(nodeGpus);
        families.add(nodes);

        GaugeMetricFamily guaranteed = new GaugeMetricFamily("gantry_quota_guaranteed_gpus",
                "GPUs guaranteed to a tenant in a pool.", List.of("tenant", "pool"));
        GaugeMetricFamily limit = new GaugeMetricFamily("gantry_quota_limit_gpus",
                "The most GPUs a tenant may use in a pool; absent when unlimited.", List.of("tenant", "pool"));
        GaugeMetricFamily used = new GaugeMetricFamily("gantry_quota_used_gpus",
                "GPUs a tenant's jobs hold in a pool.", List.of("tenant", "pool"));
        GaugeMetricFamily borrowed = new GaugeMetricFamily("gantry_quota_borrowed_gpus",
                "GPUs a tenant uses above its guarantee in a pool (preemptible).", List.of("tenant", "pool"));
        for (ClusterFigures.Quota quota : figures.quotas()) {
            List<String> labels = List.of(quota.tenant().value(), quota.pool().value());
            guaranteed.addMetric(labels, quota.guaranteed());
            if (quota.limit() >= 0) {
                limit.addMetric(labels, quota.limit());
            }
            used.addMetric(labels, quota.used());
            borrowed.addMetric(labels, quota.borrowed());
        }
        families.add(guaranteed);
        families.add(limit);
        families.add(used);
        families.add(borrowed);
        return families;
    }
}
