package org.gantry.ops.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;
import io.prometheus.client.Predicate;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.gantry.agent.gpu.GpuInventory;
import org.gantry.scheduler.control.ControlMetrics;
import org.gantry.scheduler.control.FiguresBoard;
import org.gantry.storage.rocks.RocksStore;

/**
 * One process's Prometheus metrics: its own registry (not the library's global one, so several
 * nodes in one test JVM do not collide), the JVM's (hotspot), and what this process runs — a
 * control plane's scheduler counters, cluster gauges, HTTP and journal timings, and its agents'
 * GPU readings. Rendered in the text format 0.0.4 by {@link #scrape}.
 */
public final class GantryMetrics {
    /**
     * The client adds a {@code _created} gauge beside every counter and histogram series: in the
     * 0.0.4 text format Prometheus stores it as a series of its own, doubling them for nothing.
     */
    private static final Predicate<String> WITHOUT_CREATED = name -> !name.endsWith("_created");

    private final CollectorRegistry registry = new CollectorRegistry();
    private final AgentGpuCollector agentGpus = new AgentGpuCollector();
    private SchedulerCounters scheduler;
    private HttpMetrics http;

    /** This process's own scrapes: what collecting and rendering costs here, apart from the network and the client. */
    private final Histogram scrapes = Histogram.build("gantry_metrics_scrape_seconds",
                    "Collecting and rendering /metrics in this process (observed after each scrape).")
            .buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)
            .register(registry);

    public GantryMetrics() {
        DefaultExports.register(registry);
        agentGpus.register(registry);
    }

    /** The scheduler's counters: hand to {@code ControlPlane.start}. Made once. */
    public synchronized ControlMetrics scheduler() {
        if (scheduler == null) {
            scheduler = new SchedulerCounters(registry);
        }
        return scheduler;
    }

    /** The cluster gauges, read from what the scheduler on this node publishes. */
    public void cluster(FiguresBoard board) {
        new ClusterCollector(board, System::currentTimeMillis).register(registry);
    }

    /** Journal write latency of the store this node's journal writes to, and its disk's free space. */
    public void journal(RocksStore store) {
        new StorageCollector(store).register(registry);
        Histogram writes = Histogram.build("gantry_journal_write_seconds",
                        "From the journal taking a batch of events to its group commit being durable (RocksDB).")
                .buckets(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
                .register(registry);
        store.journalTimings().listen(nanos -> writes.observe(nanos / 1e9));
    }

    /** HTTP request counting, for the control plane's routes. Made once. */
    public synchronized HttpMetrics http() {
        if (http == null) {
            http = new HttpMetrics(registry);
        }
        return http;
    }

    /** An agent in this process: its measured GPUs are exported. */
    public void agent(String node, GpuInventory gpus) {
        agentGpus.add(node, gpus);
    }

    /** Everything, in the Prometheus text format 0.0.4 ({@link TextFormat#CONTENT_TYPE_004}). */
    public String scrape() {
        long started = System.nanoTime();
        StringWriter out = new StringWriter(64 * 1024);
        try {
            TextFormat.write004(out, registry.filteredMetricFamilySamples(WITHOUT_CREATED));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        String text = out.toString();
        scrapes.observe((System.nanoTime() - started) / 1e9);
        return text;
    }
}
