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
        Process agentJvm = startProbe(workDir);
        List<ProcessHandle> tree = List.of();
        try {
            ProcessHandle watchdog = watchdogOf(agentJvm);
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

    /**
     * The node's lease lapses while its agent's JVM is frozen (SIGSTOP): the watchdog stops the
     * workload on its own, TERM then KILL after the lease's grace, without the frozen JVM.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLapsedLeaseStopsTheWorkloadOfAFrozenAgent(@TempDir Path workDir) throws Exception {
        Path lease = new WorkDirs(workDir).lease();
        assertThat(LeaseFile.write(lease, Duration.ofSeconds(60), Duration.ofSeconds(1))).isTrue();
        Process agentJvm = startProbe(workDir);
        List<ProcessHandle> tree = List.of();
        try {
            ProcessHandle watchdog = watchdogOf(agentJvm);
            ProcessHandle sleep = awaitSleep(watchdog);
            tree = watchdog.descendants().toList();

            signal("STOP", agentJvm.pid());
            Thread.sleep(2_500);
            assertThat(sleep.isAlive()).as("a workload whose lease holds keeps running").isTrue();

            long lapse = System.nanoTime();
            LeaseFile.write(lease, Duration.ZERO, Duration.ofSeconds(1));
            assertThat(sleep.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            Duration stopped = Duration.ofNanos(System.nanoTime() - lapse);
            // (The watchdog itself stays a zombie until its frozen parent reaps it.)
            assertThat(stopped).as("stopped within a tick of the lapse").isLessThan(Duration.ofMillis(2_500));
            assertThat(agentJvm.isAlive()).as("the agent's JVM, frozen, had no part in it").isTrue();
        } finally {
            signal("CONT", agentJvm.pid());
            agentJvm.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A TERM-resistant workload is killed once the lease's grace is over. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLapsedLeaseKillsWhatIgnoresTerm(@TempDir Path workDir) throws Exception {
        Path lease = new WorkDirs(workDir).lease();
        LeaseFile.write(lease, Duration.ofSeconds(60), Duration.ofSeconds(2));
        Path marker = workDir.resolve("term-seen");
        Process watchdog = new ProcessBuilder(Watchdog.wrap(List.of("sh", "-c",
                "trap 'touch " + marker + "' TERM; while :; do sleep 0.1; done"), Duration.ofSeconds(30), List.of(),
                lease)).redirectErrorStream(true).start();
        try {
            Thread.sleep(500);
            long lapse = System.nanoTime();
            LeaseFile.write(lease, Duration.ZERO, Duration.ofSeconds(2));
            assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Duration killed = Duration.ofNanos(System.nanoTime() - lapse);
            assertThat(Files.exists(marker)).as("it was asked to stop first").isTrue();
            assertThat(watchdog.exitValue()).as("then killed").isEqualTo(128 + 9);
            assertThat(killed).as("after the lease's grace, not the stop's 30 s")
                    .isBetween(Duration.ofSeconds(2), Duration.ofMillis(4_500));
        } finally {
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
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

    /** A stand-in agent JVM that runs {@code sleep 300} under the watchdog, in {@code workDir}. */
    private static Process startProbe(Path workDir) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), OrphanProbeMain.class.getName(), workDir.toString())
                .redirectErrorStream(true).start();
    }

    /** The watchdog the probe started, as it says. */
    private static ProcessHandle watchdogOf(Process probe) throws java.io.IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
        String line = watchdogLine(out);
        return ProcessHandle.of(Long.parseLong(line.substring("watchdog ".length()))).orElseThrow();
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
