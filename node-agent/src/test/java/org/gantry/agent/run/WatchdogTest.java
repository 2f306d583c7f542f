package org.gantry.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gantry.agent.IsolationPeers;
import org.gantry.agent.isolation.Isolation;
import org.gantry.agent.isolation.UidRange;
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
            String line = watchdogLine(out);
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

    /** A confined job's daemon left its process group: the watchdog finds it through the job's cgroup. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aConfinedJobsDaemonDiesWithItsAgentJvm(@TempDir Path workDir) throws Exception {
        IsolationPeers.require(Isolation.detect(true, workDir.resolve("users"), new UidRange(62950, 62959)));
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx--x--x"));
        Path shared = Files.createDirectories(workDir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path daemonPid = shared.resolve("daemon.pid");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process agentJvm = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), OrphanProbeMain.class.getName(), workDir.toString(),
                daemonPid.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(agentJvm.getInputStream(),
                    StandardCharsets.UTF_8));
            watchdogLine(out);
            while (!Files.exists(daemonPid) || Files.size(daemonPid) == 0) {
                Thread.sleep(20);
            }
            long daemon = Long.parseLong(Files.readString(daemonPid).strip());
            assertThat(ProcessHandle.of(daemon)).isPresent();

            agentJvm.destroyForcibly(); // SIGKILL: the watchdog sees its pipe close
            assertThat(agentJvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

            while (IsolationPeers.running(daemon)) {
                Thread.sleep(50); // the test's timeout fails it if the daemon survives
            }
        } finally {
            agentJvm.destroyForcibly();
        }
    }

    /** The probe's "watchdog PID" line, past what logging libraries say first. */
    private static String watchdogLine(BufferedReader out) throws java.io.IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("watchdog ")) {
                return line;
            }
        }
        throw new AssertionError("the probe JVM ended without starting its workload");
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
