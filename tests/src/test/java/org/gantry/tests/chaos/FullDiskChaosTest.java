package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
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
    private static final String PROBE_JOB = "{\"name\":\"probe\",\"gpus\":1,\"workload\":{\"kind\":\"simulated\","
            + "\"seconds\":1}}";

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
                Path filler = disk.fill();
                Thread.sleep(1_000);
                long slowest = 0;
                for (int i = 0; i < 5; i++) {
                    disk.fill(); // still full: RocksDB may have freed a preallocated log meanwhile
                    Thread.sleep(50); // past the 10 ms the control plane's look at the disk is kept
                    long sent = System.nanoTime();
                    Api.Answer answer = submit(probe);
                    slowest = Math.max(slowest, System.nanoTime() - sent);
                    assertThat(answer.status()).as("a submit while the disk is full: %s", answer.raw()).isEqualTo(503);
                    assertThat(answer.body().path("detail").asText()).as(answer.raw()).contains("no space left");
                    assertThat(answer.header("Retry-After")).as("503 says when to try again").isNotNull();
                    Thread.sleep(500);
                }
                System.out.printf("[chaos control disk full] 5 submits while full: 503 in %.0f ms at most%n",
                        slowest / 1e6);
                assertThat(Duration.ofNanos(slowest)).as("refused at once, not after a timeout")
                        .isLessThan(Duration.ofSeconds(2));
                long freed = System.nanoTime();
                Files.delete(filler);
                Eventually.await("a submit to be accepted again", Duration.ofSeconds(30),
                        () -> submit(probe).status() == 201, run::logs);
                run.recovered(Duration.ofNanos(System.nanoTime() - freed));
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }

    private static Api.Answer submit(Api tenant) {
        return tenant.post("/api/v1/jobs", PROBE_JOB, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }
}
