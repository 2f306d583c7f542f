package org.gantry.ops.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import java.util.ArrayList;
import java.util.List;
import org.gantry.storage.rocks.RocksStore;

/**
 * The data directory's disk as the store sees it, read at each scrape: what is free, the reserve
 * writes stop at, and how many writes that reserve refused. A full disk answers submits 503; an
 * alert on free space nearing the reserve says so before it happens.
 */
final class StorageCollector extends Collector {
    private final RocksStore store;

    StorageCollector(RocksStore store) {
        this.store = store;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>();
        long free = store.diskFreeBytes();
        if (free != Long.MAX_VALUE) { // unknown: no series rather than a made-up one
            families.add(new GaugeMetricFamily("gantry_storage_disk_free_bytes",
                    "Free space on the data directory's disk, as the control plane may use it.", free));
        }
        families.add(new GaugeMetricFamily("gantry_storage_disk_reserve_bytes",
                "Free space kept for RocksDB's own work: writes are refused below it (gantry.storage.min-free-space).",
                store.settings().minFreeBytes()));
        families.add(new CounterMetricFamily("gantry_storage_writes_refused",
                "Writes refused because the disk's free space was under the reserve (submits answered 503).",
                store.writesRefusedForSpace()));
        return families;
    }
}
