package org.gantry.storage.rocks;

import java.nio.ByteBuffer;

/** Big-endian longs as RocksDB values. */
public final class Bytes {

    private Bytes() {}

    public static byte[] ofLong(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    public static long toLong(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }
}
