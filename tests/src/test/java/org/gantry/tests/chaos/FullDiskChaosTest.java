package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 6: the control node's disk fills (its data directory is a small tmpfs, filled to the
 * last byte by another file) while three tenants submit, cancel and read. While it is full a
 * submit is refused at once with 503, a problem body that says the disk is full and
 * {@code Retry-After}, never accepted (before, it waited 10 s for an entity that had stopped on
 * its failed write, and the 503 said the control plane "may be starting"); once the
 * space is back submits go through again, and nothing accepted before, during or after is lost
 * (the end-of-run checks). The recovery figure is the time from the space coming back to the
 * first submit accepted. Needs root to mount (CI runs as root); skipped elsewhere.
 */
class FullDiskChaosTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskRefusesSubmitsAndLosesNothing() throws Exception {
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("control"), 192);
             ChaosRun run = ChaosRun.start("control disk full", dir, 2, 2)) {
            // Submits the checks do not follow: this test's own, to see what a full disk answers.
            Api probe = run.cluster.tenant(run.admin, "probe", 0, 1);
            ChaosLoad load = run.load(1.5, 0.5, 17);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofSeconds(30)).toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(8_000);
                Faults.fillDisk(run, disk, probe);
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }
}
