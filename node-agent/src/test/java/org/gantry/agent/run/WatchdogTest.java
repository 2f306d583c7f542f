package org.gantry.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A process workload must not outlive its agent, even one killed with {@code kill -9}. */
class WatchdogTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWorkloadDiesWithItsAgentJvm(@TempDir Path workDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process agentJvm = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), OrphanProbeMain.class.getName(), workDir.toString())
                .redirectErrorStream(true).start();
        List<ProcessHandle> tree = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(agentJvm.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("watchdog ");
            ProcessHandle watchdog = ProcessHandle.of(Long.parseLong(line.substring("watchdog ".length())))
                    .orElseThrow();
            ProcessHandle sleep = awaitSleep(watchdog);
            tree = watchdog.descendants().toList();

            agentJvm.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing the JVM could clean up
            assertThat(agentJvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(sleep.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(watchdog.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            agentJvm.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static ProcessHandle awaitSleep(ProcessHandle watchdog) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> sleep = watchdog.descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains("300")).orElse(false))
                    .findFirst();
            if (sleep.isPresent()) {
                return sleep.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sleep 300 did not start under the watchdog");
    }
}
