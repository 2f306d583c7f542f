package org.gantry.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cgroup v2 code against the kernel's own cgroup2 filesystem: the host's root where it is
 * cgroup2, else the unified hierarchy a hybrid (v1) host mounts beside its controllers, which
 * has no controllers of its own, so no limits here, but joining, killing and removal are real.
 * Each test works in a cgroup of its own, never in the agents' {@value CgroupTree#PARENT}.
 * Needs root (as CI runs); skipped otherwise.
 */
class CgroupV2KernelTest {
    /** Joins as the watchdog's fork does (0: the writing process), each process list up to "--", then execs the rest. */
    private static final String JOIN = "while [ \"$1\" != -- ]; do echo 0 > \"$1\" || exit 125; shift; done; shift; "
            + "exec \"$@\"";
    private Path scratch;

    @BeforeEach
    void cgroupOfOurOwn() throws Exception {
        assumeThat(Modes.uid(Path.of("/proc/self"))).as("needs root").isZero();
        Path mount = List.of(Path.of("/sys/fs/cgroup"), Path.of("/sys/fs/cgroup/unified")).stream()
                .filter(dir -> Files.isRegularFile(dir.resolve("cgroup.controllers"))).findFirst().orElse(null);
        assumeThat(mount).as("a cgroup2 filesystem").isNotNull();
        scratch = Files.createDirectory(mount.resolve("gantry-test-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime()));
    }

    @AfterEach
    void removeIt() throws Exception {
        if (scratch != null) {
            CgroupFiles.sweepIdle(scratch.resolve(CgroupTree.PARENT), Duration.ZERO);
            Files.deleteIfExists(scratch.resolve(CgroupTree.PARENT));
            Files.deleteIfExists(scratch);
        }
    }

    @Test
    void aKillTakesTheWholeTreeEvenWhatLeftItsSession() throws Exception {
        JobCgroup cgroup = new CgroupV2(scratch).create("job-1.1", new ResourceLimits(0, 0, 0));
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", JOIN, "gantry-join"));
        cgroup.procsFiles().forEach(file -> command.add(file.toString()));
        command.addAll(List.of("--", "/bin/sh", "-c", "setsid sleep 300 & exec sleep 300"));
        Process job = new ProcessBuilder(command).start();
        Path procs = cgroup.procsFiles().get(0);
        assertThat(CgroupFiles.await(() -> CgroupFiles.pids(procs).size() == 2)).as("both joined").isTrue();
        List<Long> pids = CgroupFiles.pids(procs);

        cgroup.killAll();

        assertThat(CgroupFiles.pids(procs)).isEmpty();
        assertThat(job.waitFor()).isNotZero();
        assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid " + pid).isFalse());
        cgroup.remove();
        assertThat(procs.getParent()).doesNotExist();
    }

    /** Gone, or dead and waiting for whoever adopted it to reap it. */
    private static boolean running(long pid) {
        String stat = CgroupFiles.read(Path.of("/proc/" + pid + "/stat"));
        return !stat.isEmpty() && !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void startingUpSweepsOnlyEmptyCgroupsOldEnough() throws Exception {
        CgroupV2 tree = new CgroupV2(scratch);
        JobCgroup idle = tree.create("job-idle.1", new ResourceLimits(0, 0, 0));
        JobCgroup busy = tree.create("job-busy.1", new ResourceLimits(0, 0, 0));
        Process sleeper = new ProcessBuilder("/bin/sh", "-c", JOIN, "gantry-join",
                busy.procsFiles().get(0).toString(), "--", "sleep", "300").start();
        try {
            assertThat(CgroupFiles.await(() -> !CgroupFiles.pids(busy.procsFiles().get(0)).isEmpty())).isTrue();

            assertThat(tree.sweepIdle(Duration.ofHours(1))).as("nothing that young").isZero();
            assertThat(tree.sweepIdle(Duration.ZERO)).isEqualTo(1);

            assertThat(idle.procsFiles().get(0).getParent()).doesNotExist();
            assertThat(busy.procsFiles().get(0).getParent()).isDirectory();
        } finally {
            busy.killAll();
            busy.remove();
            sleeper.waitFor();
        }
    }
}
