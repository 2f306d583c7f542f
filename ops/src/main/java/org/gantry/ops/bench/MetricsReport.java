package org.gantry.ops.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code gantry bench metrics} measured: the state scraped (nodes registered, live jobs,
 * jobs in the history as the history's report says), then {@code GET /metrics}: latency (and the
 * server's own mean time per scrape, from {@code gantry_metrics_scrape_seconds}), size
 * and series, the largest families by series.
 */
public record MetricsReport(long historyFinished, int nodes, long liveJobs, long pendingJobs, LatencySummary scrape,
                            double serverMeanMs, long bytes, int series, Map<String, Integer> largestFamilies) {
    public MetricsReport {
        largestFamilies = Collections.unmodifiableMap(new LinkedHashMap<>(largestFamilies)); // largest first
    }
}
