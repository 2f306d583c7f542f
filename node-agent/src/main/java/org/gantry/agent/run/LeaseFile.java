package org.gantry.agent.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Where the watchdog beside every workload reads when this node's lease lapses, so that it
 * can stop the workload even while the agent's JVM is frozen (SIGSTOP, a long pause): one line,
 * {@code LAPSE GRACE}: the lapse in hundredths of a second on the kernel's boot clock
 * ({@code /proc/uptime}, which a shell reads without forking, in hundredths), the grace in whole
 * seconds. The lapse is rounded down and the grace up, so the watchdog never acts later than the
 * lease says. Written whole, by rename.
 */
public final class LeaseFile {
    private static final Path UPTIME = Path.of("/proc/uptime");

    private LeaseFile() {}

    /**
     * The lease lapses {@code remaining} from now, then workloads get {@code grace}. False when
     * the boot clock cannot be read (not Linux): the watchdog then has no lease to enforce, and
     * only the agent stops workloads when it lapses.
     */
    public static boolean write(Path file, Duration remaining, Duration grace) throws IOException {
        double uptime;
        try {
            uptime = Double.parseDouble(Files.readString(UPTIME).trim().split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        long lapse = (long) Math.floor((uptime + remaining.toNanos() / 1e9) * 100);
        long graceSeconds = (grace.toMillis() + 999) / 1000;
        Path written = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(written, lapse + " " + graceSeconds + "\n", StandardCharsets.US_ASCII);
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** No lease to enforce: what an earlier agent on this work directory left is gone. */
    public static void clear(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
