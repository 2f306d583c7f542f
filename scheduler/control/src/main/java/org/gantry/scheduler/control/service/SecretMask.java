package org.gantry.scheduler.control.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks a job's own secret values in its output as it streams, as CI systems do: a job that
 * prints its {@code secretEnv} does not hand it to whoever reads its logs. A value split across
 * two chunks is still caught: output is released up to its last line end (a value holds none),
 * and a line longer than {@link #MAX_HELD} is released all but the tail a value could start in.
 * Values shorter than {@link #MIN_LENGTH} are left alone: masking every "1" would mask nothing.
 */
final class SecretMask {
    static final int MIN_LENGTH = 4;
    static final int MAX_HELD = 64 * 1024;
    static final byte[] MASK = "***".getBytes(StandardCharsets.UTF_8);

    private final List<byte[]> secrets;
    private final int longest;
    private byte[] held = new byte[0];

    SecretMask(Collection<String> values) {
        // Longest first: a value that contains another is masked whole.
        this.secrets = values.stream().filter(value -> value != null && value.length() >= MIN_LENGTH)
                .filter(value -> value.indexOf('\n') < 0).distinct()
                .map(value -> value.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] value) -> value.length).reversed()).toList();
        this.longest = secrets.isEmpty() ? 0 : secrets.get(0).length;
    }

    boolean masksNothing() {
        return secrets.isEmpty();
    }

    /** What of the output so far can be released, masked; the rest waits for the next chunk. */
    byte[] feed(byte[] chunk) {
        byte[] buffer = concat(held, chunk);
        int cut = lastLineEnd(buffer) + 1;
        if (cut == 0 && buffer.length > MAX_HELD) {
            cut = buffer.length - (longest - 1);
        }
        held = Arrays.copyOfRange(buffer, cut, buffer.length);
        return mask(Arrays.copyOfRange(buffer, 0, cut));
    }

    /** The output still held, masked: the stream ended. */
    byte[] finish() {
        byte[] rest = mask(held);
        held = new byte[0];
        return rest;
    }

    private byte[] mask(byte[] text) {
        if (secrets.isEmpty() || text.length == 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
        int i = 0;
        outer:
        while (i < text.length) {
            for (byte[] secret : secrets) {
                if (startsWith(text, i, secret)) {
                    out.write(MASK, 0, MASK.length);
                    i += secret.length;
                    continue outer;
                }
            }
            out.write(text[i++]);
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] text, int at, byte[] prefix) {
        if (at + prefix.length > text.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (text[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    private static int lastLineEnd(byte[] buffer) {
        for (int i = buffer.length - 1; i >= 0; i--) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
