package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 3: an agent's JVM paused (SIGSTOP) while three tenants submit, cancel and read. For
 * 5 s, nothing of it is requeued; past its lease, its workloads stop although the JVM that holds
 * the lease is frozen, and only then do its jobs run elsewhere: no run of a job overlaps
 * another, no GPU is used twice at once. The recovery figure is the time from the pause to the
 * last of its workloads stopping. Short in CI; {@code -Dchaos.minutes=N} for a long run.
 */
class AgentPauseChaosTest {
    @TempDir
    Path dir;

    @Test
    void aPausedAgentIsFencedBeforeItsJobsRunElsewhere() throws Exception {
        try (ChaosRun run = ChaosRun.start("agent SIGSTOP", dir, 3, 2)) {
            Random random = new Random(7);
            // Jobs that outlast a lease, so that the long pause has work to fence.
            ChaosLoad load = run.load(0.7, 0.8, 5, 20, 7);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofSeconds(45)).toNanos();
            boolean longPause = false;
            while (System.nanoTime() < end) {
                Thread.sleep(6_000);
                String node = run.agents.get(random.nextInt(run.agents.size()));
                if (longPause) {
                    Faults.pausePastTheLease(run, node);
                } else {
                    Faults.pauseBriefly(run, node);
                }
                longPause = !longPause;
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }
}
