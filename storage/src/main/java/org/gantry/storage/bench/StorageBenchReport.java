package org.gantry.storage.bench;

import java.util.List;

/** The figures {@code gantry bench storage} prints, and whether the targets were met. */
public record StorageBenchReport(List<JournalPoint> journal, List<ObjectStorePoint> objects, Targets targets) {

    /**
     * Durable events per second at one writer count: through the Pekko journal, and as raw
     * RocksDB {@code WriteBatch + sync} from as many threads, measured in the same run.
     *
     * @param eventsPerSync events made durable per WAL sync by the journal's group commit
     */
    public record JournalPoint(int writers, double journalEventsPerSecond, double rawEventsPerSecond,
            double journalToRaw, double eventsPerSync) {}

    /**
     * Checkpoint store throughput for one layout of chunk values; writing includes waiting for
     * the compactions the writes caused.
     */
    public record ObjectStorePoint(String layout, long bytesPerObject, int objects, double writeMiBPerSecond,
            double readMiBPerSecond, long diskBytesAfter) {}

    /** The targets, judged on the largest writer count. */
    public record Targets(int writers, boolean journalAtLeast70PercentOfRaw, boolean journalAtLeast20kEventsPerSecond) {}
}
