package org.gantry.scheduler.control.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Files only the owner reads: data dirs 0700, token and key files 0600, so a job running as
 * another user on the host reads neither. On a file system without POSIX modes they are made
 * plainly.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Creates {@code dir} (and its parents) if missing, and makes it 0700 either way. */
    public static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, DIR);
        } catch (UnsupportedOperationException notPosix) {
            // nothing to tighten
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the directory " + dir + " (owner-only): " + e.getMessage()
                    + "; check its parent's owner and permissions", e);
        }
        return dir;
    }

    /**
     * The first line of {@code file}; when it is missing, {@code fresh}'s value written there
     * first (mode 0600, in a 0700 parent). Two processes racing both read the winner's value.
     */
    public static String readOrCreate(Path file, Supplier<String> fresh) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        directory(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, mode(FILE));
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        String value = fresh.get();
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC);
        return value;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static FileAttribute<Set<PosixFilePermission>> mode(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
