package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 1: {@code kill -9} of the control plane's JVM at a steady pace while three tenants
 * submit (each submit sent again, with its Idempotency-Key, until answered), cancel and read,
 * and a fourth floods it with submits ({@code -Dchaos.rate}, 500 a second unless given); it is
 * started again at once on its data directory. Every job that got a 201 must still be
 * there and end, none may run twice at once. The recovery figure is the time from the kill until
 * the restarted control plane is ready. Short in CI (two kills); {@code -Dchaos.minutes=N} for a
 * long run (one kill a minute, as the scenario names it, needs N ≥ 20 for its 20 cycles).
 */
class ControlKillChaosTest {
    @TempDir
    Path dir;

    @Test
    void everyAcceptedJobSurvivesTheControlPlanesDeaths() throws Exception {
        try (ChaosRun run = ChaosRun.start("control kill -9", dir, 2, 2, ChaosRun.NO_RATE_LIMIT)) {
            Duration period = System.getProperty("chaos.minutes") == null ? Duration.ofSeconds(15)
                    : Duration.ofSeconds(60);
            ChaosLoad load = run.load(1.5, 0.5, 11);
            run.flood(Double.parseDouble(System.getProperty("chaos.rate", "500")));
            // One kill per period, kill to kill: a restart's time counts in its period (20 minutes, 20 kills).
            long kills = Math.max(1, ChaosRun.duration(Duration.ofSeconds(30)).toNanos() / period.toNanos());
            long nextKill = System.nanoTime();
            for (long kill = 0; kill < kills; kill++) {
                nextKill += period.toNanos();
                Thread.sleep(Math.max(0, (nextKill - System.nanoTime()) / 1_000_000));
                Faults.killControl(run);
            }
            Thread.sleep(5_000); // load on the restarted control plane too
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }
}
