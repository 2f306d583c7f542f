package org.gantry.storage.rocks;

/**
 * How much group commit saved: {@code writes} callers were made durable by {@code groups}
 * RocksDB writes, {@code syncs} of them with a WAL sync (a group of writes that may wait for a
 * later sync only, such as the job table's, needs none; none at all when sync is off).
 */
public record CommitCounts(long groups, long writes, long syncs) {

    public CommitCounts minus(CommitCounts earlier) {
        return new CommitCounts(groups - earlier.groups, writes - earlier.writes, syncs - earlier.syncs);
    }

    public double writesPerGroup() {
        return groups == 0 ? 0 : (double) writes / groups;
    }
}
