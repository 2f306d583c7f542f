package org.gantry.ops.cli.client;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the CLI finds Gantry when neither a flag nor the environment says: {@code url} and
 * {@code token} in {@code $XDG_CONFIG_HOME/gantry/config} (else {@code ~/.config/gantry/config}),
 * written by {@code gantry login} readable by its owner only, as it holds a token.
 */
record Profile(Optional<String> url, Optional<String> token) {
    static final Profile NONE = new Profile(Optional.empty(), Optional.empty());

    /** The profile file for this environment. */
    static Path file(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("gantry").resolve("config");
    }

    static Profile read(Path file) {
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile " + file + ": " + e.getMessage(), e);
        }
        return new Profile(nonBlank(values.getProperty("url")), nonBlank(values.getProperty("token")));
    }

    /** Writes the profile whole (a temporary file moved into place), owner-only. */
    void write(Path file) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // nothing to narrow on such a file system
        }
        Path temp = Files.createTempFile(dir, "config", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // as above
        }
        Properties values = new Properties();
        url.ifPresent(value -> values.setProperty("url", value));
        token.ifPresent(value -> values.setProperty("token", value));
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            values.store(out, "gantry CLI profile: written by 'gantry login'");
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
