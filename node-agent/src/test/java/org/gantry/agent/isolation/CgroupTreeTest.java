package org.gantry.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which hierarchy the agent picks, on directories laid out as the kernel mounts them. */
class CgroupTreeTest {
    @TempDir
    Path root;

    @Test
    void cgroup2WhereTheRootIsOne() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");

        assertThat(CgroupTree.detect(root)).isEqualTo(new CgroupV2(root));
    }

    @Test
    void theV1ControllersThatAreMounted() throws Exception {
        controller("memory");
        controller("pids");
        controller("freezer");

        CgroupTree tree = CgroupTree.detect(root);

        assertThat(tree.describe()).isEqualTo("cgroup v1 (memory, pids, freezer)");
    }

    @Test
    void noMemoryControllerNoIsolation() throws Exception {
        controller("cpu");

        assertThatThrownBy(() -> CgroupTree.detect(root)).isInstanceOf(IsolationUnavailable.class)
                .hasMessageContaining("no cgroup filesystem at " + root);
    }

    @Test
    void aV1JobCgroupCarriesItsLimits() throws Exception {
        for (String c : new String[] {"memory", "cpu", "pids"}) {
            controller(c);
        }
        // Plain directories stand in for the kernel's: the agent writes the files, the kernel would make them.
        CgroupTree tree = CgroupTree.detect(root);
        Files.createDirectories(root.resolve("memory/gantry/job-1"));
        Files.writeString(root.resolve("memory/gantry/job-1/memory.memsw.limit_in_bytes"), "");

        JobCgroup cgroup = tree.create("job-1", new ResourceLimits(64L << 20, 1.5, 100));

        assertThat(Files.readString(root.resolve("memory/gantry/job-1/memory.limit_in_bytes"))).isEqualTo("67108864");
        assertThat(Files.readString(root.resolve("memory/gantry/job-1/memory.memsw.limit_in_bytes")))
                .isEqualTo("67108864");
        assertThat(Files.readString(root.resolve("cpu/gantry/job-1/cpu.cfs_quota_us"))).isEqualTo("150000");
        assertThat(Files.readString(root.resolve("pids/gantry/job-1/pids.max"))).isEqualTo("100");
        assertThat(cgroup.procsFiles()).containsExactly(root.resolve("memory/gantry/job-1/cgroup.procs"),
                root.resolve("cpu/gantry/job-1/cgroup.procs"), root.resolve("pids/gantry/job-1/cgroup.procs"));
        assertThat(cgroup.memoryLimit()).isEqualTo(64L << 20);
    }

    private void controller(String name) throws IOException {
        Files.createDirectories(root.resolve(name));
        Files.writeString(root.resolve(name).resolve("cgroup.procs"), "");
    }
}
