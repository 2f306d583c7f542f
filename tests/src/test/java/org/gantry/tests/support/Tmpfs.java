package org.gantry.tests.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted on a test's directory (a node's data directory, say), to be filled: a
 * real full disk under a real JVM. Mounting needs root, as CI runs; elsewhere the test is
 * skipped, saying why.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code mountPoint} (made if missing), or skips the test. */
    public static Tmpfs mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
                mountPoint.toString()).redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(mount.waitFor() == 0, () -> "cannot mount a tmpfs to fill (needs root): "
                + output.strip());
        return new Tmpfs(mountPoint);
    }

    /**
     * Writes to a file until the disk has no byte left; delete it to give the space back. Call
     * it again to top the disk up: a database on it may free space meanwhile (RocksDB deletes a
     * write-ahead log it had preallocated, tens of MiB, once its memtable is flushed).
     */
    public Path fill() throws IOException {
        Path filler = mountPoint.resolve("filler");
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start().waitFor();
    }
}
