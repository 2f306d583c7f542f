package org.gantry.storage.rocks;

/**
 * How much group commit saved: {@code writes} callers were made durable by {@code groups}
 * RocksDB writes (one WAL sync each when sync is on).
 */
public record CommitCounts(long groups, long writes) {

    public CommitCounts minus(CommitCounts earlier) {
        return new CommitCounts(groups - earlier.groups, writes - earlier.writes);
    }

    public double writesPerGroup() {
        return groups == 0 ? 0 : (double) writes / groups;
    }
}
