package org.gantry.scheduler.control.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Where the key that seals secret values comes from: {@code GANTRY_SECRET_KEY} (256 bits as
 * base64 or hex) when set, else {@code <data-dir>/secret.key}, made (mode 0600) at first start.
 * Every control node of a cluster needs the same key: set the variable on each.
 */
public final class SecretKeys {
    public static final String ENV = "GANTRY_SECRET_KEY";
    public static final String FILE = "secret.key";
    static final int KEY_BYTES = 32;

    private SecretKeys() {}

    /** @param fromEnv the environment's value, or null */
    public static SecretSeal resolve(String fromEnv, Path dataDir) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new SecretSeal(parse(fromEnv.strip(), ENV));
        }
        Path file = dataDir.resolve(FILE);
        try {
            String stored = PrivateFiles.readOrCreate(file, SecretKeys::generate);
            return new SecretSeal(parse(stored, file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file + ": "
                    + e.getMessage() + " (or set " + ENV + ")", e);
        }
    }

    /**
     * A 256-bit key written as 64 hex digits or as base64; anything else is refused with how to
     * make a good one (the message never repeats what was given).
     */
    static byte[] parse(String text, String source) {
        byte[] key = null;
        if (text.length() == KEY_BYTES * 2 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            key = HexFormat.of().parseHex(text);
        } else {
            try {
                key = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException notBase64) {
                key = null;
            }
        }
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(source + " is not a 256-bit key: give 32 random bytes as base64"
                    + " (44 characters) or hex (64 digits), e.g. from `openssl rand -base64 32`");
        }
        return key;
    }

    private static String generate() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
