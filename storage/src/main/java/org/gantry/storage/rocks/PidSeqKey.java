package org.gantry.storage.rocks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keys that sort by persistenceId, then by sequence number: the id's UTF-8 bytes, a 0x00
 * separator, then the sequence number as 8 big-endian bytes (sequence numbers are never
 * negative, so byte order is numeric order). All keys of one id lie in
 * [{@link #prefix}, {@link #prefixEnd}); an id must therefore not contain U+0000.
 */
public final class PidSeqKey {

    private static final int SEQ_BYTES = Long.BYTES;

    private PidSeqKey() {}

    public static byte[] of(String persistenceId, long sequenceNr) {
        byte[] prefix = prefix(persistenceId);
        return ByteBuffer.allocate(prefix.length + SEQ_BYTES).put(prefix).putLong(sequenceNr).array();
    }

    /** The id and its separator: every key of the id starts with these bytes. */
    public static byte[] prefix(String persistenceId) {
        requireValid(persistenceId);
        byte[] id = persistenceId.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(id, id.length + 1); // the copy's last byte is the 0x00 separator
    }

    /** The first key past every key of the id (and of no other id). */
    public static byte[] prefixEnd(String persistenceId) {
        byte[] end = prefix(persistenceId);
        end[end.length - 1] = 1;
        return end;
    }

    public static String persistenceId(byte[] key) {
        return new String(key, 0, key.length - SEQ_BYTES - 1, StandardCharsets.UTF_8);
    }

    public static long sequenceNr(byte[] key) {
        return ByteBuffer.wrap(key, key.length - SEQ_BYTES, SEQ_BYTES).getLong();
    }

    public static boolean belongsTo(byte[] key, byte[] prefix) {
        return key.length == prefix.length + SEQ_BYTES
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    public static void requireValid(String persistenceId) {
        if (persistenceId.isEmpty() || persistenceId.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException(
                    "persistenceId must be non-empty and free of U+0000, was [" + persistenceId + "]");
        }
    }
}
