package org.gantry.storage.rocks;

import java.nio.charset.StandardCharsets;

/**
 * The column families of a Gantry data directory, one per kind of record. New families go at the
 * end: RocksDB creates missing ones when an older directory is opened, but a directory opened by
 * a newer Gantry cannot be opened by an older one (RocksDB insists on every family being named).
 */
public enum Family {
    /** Journal events, keyed by persistenceId then sequence number. */
    JOURNAL("journal"),
    /** Snapshots, keyed like the journal. */
    SNAPSHOTS("snapshots"),
    /** Small bookkeeping records: the highest deleted sequence number per persistenceId. */
    META("meta"),
    /** Checkpoint and artifact manifests, keyed by job then object name. */
    OBJECTS("objects"),
    /** The chunks of stored objects: large values, kept out of the LSM tree (see ColumnFamilies). */
    CHUNKS("chunks"),
    /**
     * The tag index: tag then global ordering (see {@link TagKey}), each pointing at the journal
     * key of its event. Written in the same batch as the event.
     */
    TAGS("tags"),
    /** Small ordered key-value tables for callers (projection offsets, job history). */
    TABLES("tables");

    private final String columnFamilyName;

    Family(String columnFamilyName) {
        this.columnFamilyName = columnFamilyName;
    }

    public byte[] nameBytes() {
        return columnFamilyName.getBytes(StandardCharsets.UTF_8);
    }

    public String columnFamilyName() {
        return columnFamilyName;
    }
}
