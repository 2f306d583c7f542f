package org.gantry.scheduler.control.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.gantry.scheduler.control.secret.PrivateFiles;

/**
 * The admin's bearer token: {@code GANTRY_ADMIN_TOKEN} when set, else the one in
 * {@code <data-dir>/admin.token}, generated (mode 0600, in a 0700 dir) at first start.
 */
public final class AdminToken {
    public static final String ENV = "GANTRY_ADMIN_TOKEN";
    public static final String FILE = "admin.token";

    private AdminToken() {}

    /** @param fromEnv the environment's value, or null */
    public static String resolve(String fromEnv, Path dataDir) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        Path file = file(dataDir);
        try {
            return PrivateFiles.readOrCreate(file, Tokens::generate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file + ": "
                    + e.getMessage() + " (or set " + ENV + ")", e);
        }
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }
}
