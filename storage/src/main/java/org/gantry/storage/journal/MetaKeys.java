package org.gantry.storage.journal;

import java.nio.charset.StandardCharsets;
import org.gantry.storage.rocks.PidSeqKey;

/** Keys of the META family, one leading byte per kind of record. */
final class MetaKeys {

    private static final byte DELETED_TO = 1;

    private MetaKeys() {}

    /** The highest sequence number deleted for an id, which outlives the events themselves. */
    static byte[] deletedTo(String persistenceId) {
        PidSeqKey.requireValid(persistenceId);
        byte[] id = persistenceId.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[id.length + 1];
        key[0] = DELETED_TO;
        System.arraycopy(id, 0, key, 1, id.length);
        return key;
    }
}
