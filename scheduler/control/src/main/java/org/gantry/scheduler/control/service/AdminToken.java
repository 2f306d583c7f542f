package org.gantry.scheduler.control.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The admin's bearer token: {@code GANTRY_ADMIN_TOKEN} when set, else the one in
 * {@code <data-dir>/admin.token}, generated (mode 0600) at first start.
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
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(dataDir);
            String token = Tokens.generate();
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file + ": "
                    + e.getMessage() + " (or set " + ENV + ")", e);
        }
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }
}
