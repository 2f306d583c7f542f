package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 5: the whole cluster dies at once ({@code kill -9} of the control plane and of every
 * agent, their workloads going with them) and is started again, while three tenants submit,
 * cancel and read. Afterwards every accepted job is back (the end-of-run checks), the GPUs the
 * control plane counts as held are exactly those the workloads hold (its running jobs, attempt,
 * node and GPUs, against the open runs in the ledger), and no job that had ended before the
 * crash runs again. The recovery figure is the time from the crash until those two views agree.
 */
class ColdRestartChaosTest {
    @TempDir
    Path dir;

    @Test
    void aWholeClusterKilledAndStartedAgainLosesNothingAndRerunsNothing() throws Exception {
        try (ChaosRun run = ChaosRun.start("cold restart", dir, 3, 2)) {
            ChaosLoad load = run.load(1.5, 1.0, 4, 12, 5);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofSeconds(40)).toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(15_000);
                Faults.coldRestart(run, load);
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }
}
