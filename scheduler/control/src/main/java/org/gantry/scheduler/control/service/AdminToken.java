package org.gantry.scheduler.control.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.gantry.scheduler.control.secret.PrivateFiles;

/**
 * The admin's bootstrap bearer token: {@code GANTRY_ADMIN_TOKEN} when set, else the one in
 * {@code <data-dir>/admin.token}, generated (mode 0600, in a 0700 dir) at first start. A weak one
 * (short, or of few different characters) is refused at start. More admin tokens are issued at
 * {@code /api/v1/admin/tokens}.
 */
public final class AdminToken {
    public static final String ENV = "GANTRY_ADMIN_TOKEN";
    public static final String FILE = "admin.token";

    private AdminToken() {}

    /** The fewest characters an admin token may have: 32 hex digits are 128 bits. */
    public static final int MIN_LENGTH = 32;
    /** The fewest different characters: a long run of one or two is no secret, a random hex string has about 16. */
    public static final int MIN_DISTINCT = 8;
    private static final String HOW = "make one with: export " + ENV + "=$(openssl rand -hex 32)";

    /**
     * @param fromEnv the environment's value, or null
     * @throws IllegalArgumentException when the token (from either place) is too weak, saying how to make a good one
     */
    public static String resolve(String fromEnv, Path dataDir) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return strong(fromEnv.strip(), ENV);
        }
        Path file = file(dataDir);
        try {
            // A generated token is strong; one found in the file may have been written by hand.
            return strong(PrivateFiles.readOrCreate(file, Tokens::generate), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file + ": "
                    + e.getMessage() + " (or set " + ENV + ")", e);
        }
    }

    /** Refuses a weak {@code GANTRY_ADMIN_TOKEN} (null or blank: none set, nothing to refuse), before a node starts. */
    public static void requireStrong(String fromEnv) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            strong(fromEnv.strip(), ENV);
        }
    }

    /** The token, when it is long and varied enough to be a secret; else a refusal that says how to make one. */
    static String strong(String token, String source) {
        long distinct = token.chars().distinct().count();
        if (token.length() < MIN_LENGTH || distinct < MIN_DISTINCT) {
            // Never the token itself: only its shape.
            throw new IllegalArgumentException("the admin token in " + source + " is too weak (" + token.length()
                    + " characters, " + distinct + " different; it needs at least " + MIN_LENGTH + " and "
                    + MIN_DISTINCT + "): anyone who guesses it controls the cluster; " + HOW
                    + (source.equals(ENV) ? "" : ", or delete the file to have a new one made"));
        }
        return token;
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }
}
