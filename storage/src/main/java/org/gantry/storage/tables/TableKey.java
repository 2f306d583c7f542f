package org.gantry.storage.tables;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Composite keys whose byte order is the order of their parts, for tables that index by several
 * fields (tenant, then state, then finish time): strings as UTF-8 ended by 0x00 (so "a" sorts
 * before "ab" whatever follows), longs as 8 big-endian bytes with the sign bit flipped (so
 * negatives sort first). A string must not contain U+0000. {@link Reader} takes keys apart again.
 */
public final class TableKey {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);

    private TableKey() {}

    public static TableKey of() {
        return new TableKey();
    }

    public TableKey add(String part) {
        if (part.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("key parts must be free of U+0000, was [" + part + "]");
        }
        bytes.writeBytes(part.getBytes(StandardCharsets.UTF_8));
        bytes.write(0);
        return this;
    }

    public TableKey add(long part) {
        bytes.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(part ^ Long.MIN_VALUE).array());
        return this;
    }

    public byte[] bytes() {
        return bytes.toByteArray();
    }

    /** Reads the parts of a key in the order they were added. */
    public static final class Reader {

        private final ByteBuffer key;

        public Reader(byte[] key) {
            this.key = ByteBuffer.wrap(key);
        }

        public String string() {
            int start = key.position();
            int end = start;
            while (key.get(end) != 0) {
                end++;
            }
            key.position(end + 1);
            return new String(key.array(), start, end - start, StandardCharsets.UTF_8);
        }

        public long number() {
            return key.getLong() ^ Long.MIN_VALUE;
        }
    }
}
