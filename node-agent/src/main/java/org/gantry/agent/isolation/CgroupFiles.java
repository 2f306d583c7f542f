package org.gantry.agent.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Reading and writing a cgroup's control files, and killing what a {@code cgroup.procs} lists. */
final class CgroupFiles {
    /** How long a freeze, or the kernel's removal of killed processes, is waited for. */
    static final long SETTLE_MILLIS = 5_000;

    private CgroupFiles() {}

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    /** Writes where the file exists (a controller that offers it); whether it did. */
    static boolean writeIfPresent(Path file, String value) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        write(file, value);
        return true;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static List<Long> pids(Path procs) {
        return read(procs).lines().map(String::strip).filter(line -> !line.isEmpty()).map(Long::valueOf).toList();
    }

    /** SIGKILL to each of {@code pids}: they are not this JVM's children, so through their handles. */
    static void kill(List<Long> pids) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** The value of {@code key} in a flat keyed file such as {@code memory.events} ("oom_kill 1"); 0 if absent. */
    static long keyed(Path file, String key) {
        return read(file).lines().map(line -> line.strip().split("\\s+"))
                .filter(parts -> parts.length == 2 && parts[0].equals(key))
                .mapToLong(parts -> Long.parseLong(parts[1])).findFirst().orElse(0);
    }

    /** Polls until {@code done} or {@value #SETTLE_MILLIS} ms passed; whether it got done. */
    static boolean await(BooleanSupplier done) {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Removes each directory in {@code parent} whose {@code cgroup.procs} lists nothing and that
     * was made over {@code olderThan} ago; how many went. The kernel refuses to remove a cgroup
     * with a process or a child in it, so a race with a joining process loses nothing.
     */
    static int sweepIdle(Path parent, Duration olderThan) {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        Instant cutoff = Instant.now().minus(olderThan);
        int removed = 0;
        try (Stream<Path> children = Files.list(parent)) {
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                if (pids(dir.resolve("cgroup.procs")).isEmpty() && madeBefore(dir, cutoff)) {
                    removeQuietly(dir);
                    removed += Files.exists(dir) ? 0 : 1;
                }
            }
        } catch (IOException e) {
            return removed;
        }
        return removed;
    }

    private static boolean madeBefore(Path dir, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    static void removeQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a cgroup that still holds a process cannot go; the next agent start finds it empty
        }
    }
}
