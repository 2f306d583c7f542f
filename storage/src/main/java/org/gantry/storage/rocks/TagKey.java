package org.gantry.storage.rocks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keys of the tag index ({@link Family#TAGS}): the tag's UTF-8 bytes, a 0x00 separator, then the
 * event's global ordering as 8 big-endian bytes (orderings are positive, so byte order is numeric
 * order). All entries of one tag lie in [{@link #of}(tag, 0), {@link #tagEnd}); a tag must
 * therefore not contain U+0000. The value is the event's journal key ({@link PidSeqKey}).
 */
public final class TagKey {

    private TagKey() {}

    public static byte[] of(String tag, long ordering) {
        byte[] prefix = prefix(tag);
        return ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(ordering).array();
    }

    /** The first key past every entry of the tag (and of no other tag). */
    public static byte[] tagEnd(String tag) {
        byte[] end = prefix(tag);
        end[end.length - 1] = 1;
        return end;
    }

    public static String tag(byte[] key) {
        return new String(key, 0, key.length - Long.BYTES - 1, StandardCharsets.UTF_8);
    }

    public static long ordering(byte[] key) {
        return ByteBuffer.wrap(key, key.length - Long.BYTES, Long.BYTES).getLong();
    }

    public static void requireValid(String tag) {
        if (tag.isEmpty() || tag.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("tag must be non-empty and free of U+0000, was [" + tag + "]");
        }
    }

    private static byte[] prefix(String tag) {
        requireValid(tag);
        byte[] bytes = tag.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, bytes.length + 1); // the last byte is the 0x00 separator
    }
}
