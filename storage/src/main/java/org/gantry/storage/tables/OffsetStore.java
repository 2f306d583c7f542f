package org.gantry.storage.tables;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.persistence.query.Offset;
import org.gantry.storage.rocks.Bytes;

/**
 * Where each projection has read up to: name to {@code Sequence} offset, in the table
 * {@value #TABLE}. Save it in the same {@link TableWrite} as the rows the events produced, so rows
 * and offset never disagree after a crash.
 */
public final class OffsetStore {

    static final String TABLE = "projection-offsets";

    private final Table table;

    OffsetStore(Table table) {
        this.table = table;
    }

    /** The saved offset, ready for {@code eventsByTag}; {@code Offset.noOffset()} if none was saved. */
    public Offset load(String projection) {
        return table.get(key(projection))
                .map(value -> Offset.sequence(Bytes.toLong(value)))
                .orElse(Offset.noOffset());
    }

    public CompletableFuture<Void> save(String projection, long offset) {
        return table.tables().commit(saveIn(new TableWrite(), projection, offset));
    }

    /** Adds the offset to {@code write}, which is returned. */
    public TableWrite saveIn(TableWrite write, String projection, long offset) {
        return write.put(table, key(projection), Bytes.ofLong(offset));
    }

    private static byte[] key(String projection) {
        return projection.getBytes(StandardCharsets.UTF_8);
    }
}
