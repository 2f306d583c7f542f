package org.gantry.storage.rocks;

import java.nio.charset.StandardCharsets;

/** The column families of a Gantry data directory, one per kind of record. */
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
    CHUNKS("chunks");

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
