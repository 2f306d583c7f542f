package org.gantry.ops.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a restart on a data directory with a job history costs. Times count from launching the
 * JVM; the finished/pending/running counts come from {@code gantry bench history}'s report in
 * the directory (-1 when it has none).
 *
 * @param diskBytes         the rocksdb directory's files, as they were before the start (no compaction asked for)
 * @param readySeconds      until {@code GET /readyz} answered 200
 * @param resumedSeconds    until a job placed after the launch showed up in {@code GET /jobs}
 * @param liveHeapBytes     the whole JVM's live heap (after a full GC) once scheduling resumed
 * @param listBusy          {@code GET /jobs?state=SUCCEEDED&limit=100} right after, while the queue
 *                          drains: each listing first waits for the projector to catch up with
 *                          the jobs' latest events
 * @param listNewest        the same at rest (every node cordoned, no job holding GPUs)
 * @param listDeep          the same at rest with a cursor half-way back through the history
 */
public record RestartReport(long finished, long pending, long running, long diskBytes, double readySeconds,
                            double resumedSeconds, long liveHeapBytes, LatencySummary listBusy,
                            LatencySummary listNewest,
                            LatencySummary listDeep) {

    /** Disk bytes per finished job: the whole directory, live jobs and tenants included. */
    @JsonProperty // a figure of --json too, though derived
    public double diskBytesPerFinishedJob() {
        return finished > 0 ? diskBytes / (double) finished : Double.NaN;
    }
}
