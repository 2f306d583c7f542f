package org.gantry.storage.tables;

import java.util.Arrays;

/**
 * Which keys of a table to read, and in which direction: the keys in [from, to) (to null for the
 * end of the table), ascending or descending, after a cursor from the previous {@link Page}.
 *
 * @param after the last key already read (exclusive start in the scan's direction), or null
 */
public record Scan(byte[] from, byte[] to, boolean descending, byte[] after) {

    private static final byte[] START = new byte[0];

    public static Scan all() {
        return new Scan(START, null, false, null);
    }

    /** Every key in [from, to). */
    public static Scan range(byte[] from, byte[] to) {
        return new Scan(from, to, false, null);
    }

    /** Every key that starts with {@code prefix}. */
    public static Scan prefix(byte[] prefix) {
        return new Scan(prefix, prefixEnd(prefix), false, null);
    }

    public Scan reversed() {
        return new Scan(from, to, !descending, after);
    }

    /** The same scan, continuing past {@code cursor} (a {@link Page#cursor}). */
    public Scan after(byte[] cursor) {
        return new Scan(from, to, descending, cursor);
    }

    /** The first key past every key with the prefix; null (the table's end) when there is none. */
    static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }
}
