package org.gantry.ops.bench.history;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code gantry bench history} wrote and how fast. The projector follows the journal while
 * the events are written, as on a live control node; {@code caughtUpSeconds} is how long after
 * the last write its table held every event.
 *
 * @param finished    succeeded + failed + cancelled
 * @param jobEvents   events tagged {@code job}, as the journal's tag head counts them
 * @param writeSeconds from the first write to the last acknowledged one
 */
public record HistoryReport(int finished, int succeeded, int failed, int cancelled, int pending, int running,
                            int tenants, long jobEvents, double writeSeconds, double caughtUpSeconds) {

    @JsonProperty // figures of --json too, though derived
    public double eventsWrittenPerSecond() {
        return jobEvents / Math.max(writeSeconds, 1e-9);
    }

    /** Events over the time from the first write until the table held them all. */
    @JsonProperty
    public double eventsProjectedPerSecond() {
        return jobEvents / Math.max(writeSeconds + caughtUpSeconds, 1e-9);
    }
}
