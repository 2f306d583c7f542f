package org.gantry.storage.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for a test, to be filled: a real full disk. Mounting needs root, as CI
 * runs; elsewhere the test is skipped, saying why.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code megabytes} on a fresh temporary directory, or skips the test. */
    public static SmallDisk mount(String name, int megabytes) throws Exception {
        Path mountPoint = TestStores.tempDir(name);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
                mountPoint.toString()).redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (mount.waitFor() != 0) {
            TestStores.deleteRecursively(mountPoint);
            Assumptions.abort("cannot mount a tmpfs to fill (needs root): " + output.strip());
        }
        return new SmallDisk(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start().waitFor();
        TestStores.deleteRecursively(mountPoint);
    }
}
