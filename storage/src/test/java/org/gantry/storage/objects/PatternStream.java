package org.gantry.storage.objects;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * A reproducible stream of pseudo-random bytes of any length, generated as it is read, so a
 * test can store gigabytes without holding them and regenerate them to compare.
 */
final class PatternStream extends InputStream {

    private final SplittableRandom random;
    private long remaining;

    PatternStream(long seed, long length) {
        this.random = new SplittableRandom(seed);
        this.remaining = length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(length, remaining);
        for (int i = 0; i < n; i++) {
            bytes[offset + i] = (byte) random.nextInt(256);
        }
        remaining -= n;
        return n;
    }

    /** Whether {@code actual} yields exactly the bytes of a fresh stream with this seed. */
    static boolean sameAs(long seed, long length, InputStream actual) throws java.io.IOException {
        PatternStream expected = new PatternStream(seed, length);
        byte[] a = new byte[64 * 1024];
        byte[] e = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = actual.read(a, 0, a.length)) != -1) {
            int m = expected.readNBytes(e, 0, n);
            if (m != n || !java.util.Arrays.equals(a, 0, n, e, 0, n)) {
                return false;
            }
            total += n;
        }
        return total == length && expected.read() == -1;
    }
}
