package org.gantry.storage.objects;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Chunk keys and values. A key is (upload id, chunk index), 8 big-endian bytes each, so an
 * upload's chunks are one ordered range. A value is a CRC32C, then the data; the CRC covers the
 * key too, so a chunk served under the wrong key fails the check like a flipped bit does.
 */
final class Chunks {

    static final int CRC_BYTES = Integer.BYTES;

    private Chunks() {}

    static byte[] key(long uploadId, long index) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(uploadId).putLong(index).array();
    }

    /** Every chunk key of an upload lies in [key(id, 0), uploadEnd(id)). */
    static byte[] uploadEnd(long uploadId) {
        return key(uploadId, Long.MAX_VALUE);
    }

    static long uploadId(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    /** Writes into {@code value[0..4)} the CRC of the data in {@code value[4..4+dataLength)}. */
    static void seal(long uploadId, long index, byte[] value, int dataLength) {
        ByteBuffer.wrap(value).putInt(crc(uploadId, index, value, dataLength));
    }

    /** Whether a stored value's data still matches its CRC. */
    static boolean intact(long uploadId, long index, byte[] value) {
        return value.length >= CRC_BYTES
                && ByteBuffer.wrap(value).getInt() == crc(uploadId, index, value, value.length - CRC_BYTES);
    }

    private static int crc(long uploadId, long index, byte[] value, int dataLength) {
        CRC32C crc = new CRC32C();
        crc.update(key(uploadId, index));
        crc.update(value, CRC_BYTES, dataLength);
        return (int) crc.getValue();
    }
}
