package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2: {@code kill -9} of an agent while three tenants submit, cancel and read. Its jobs
 * must be back in the queue within 20 s, none may run twice at once, and the agent, started
 * again, takes work again. Short in CI; {@code -Dchaos.minutes=N} for a long run.
 */
class AgentKillChaosTest {
    @TempDir
    Path dir;

    @Test
    void killedAgentsJobsAreRequeuedInTimeAndNeverRunTwice() throws Exception {
        try (ChaosRun run = ChaosRun.start("agent kill -9", dir, 3, 2)) {
            Random random = new Random(42);
            ChaosLoad load = run.load(1.5, 0.8, 42);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofSeconds(40)).toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(5_000);
                Faults.killAgent(run, run.agents.get(random.nextInt(run.agents.size())));
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }
}
