package org.gantry.agent.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * cgroup v2: a job's cgroup is {@code ROOT/gantry/NAME}, with {@code memory.max} (and no swap),
 * {@code cpu.max} and {@code pids.max}. The controllers are enabled down to it on the way. A
 * kill uses {@code cgroup.kill} (Linux 5.14+), else freezes through {@code cgroup.freeze}.
 */
record CgroupV2(Path root) implements CgroupTree {
    static final long CPU_PERIOD_MICROS = 100_000;
    static final String CONTROLLERS = "+memory +cpu +pids";

    @Override
    public String describe() {
        return "cgroup v2";
    }

    @Override
    public int sweepIdle(Duration olderThan) {
        return CgroupFiles.sweepIdle(root.resolve(PARENT), olderThan);
    }

    @Override
    public JobCgroup create(String name, ResourceLimits limits) throws IOException {
        Path parent = Files.createDirectories(root.resolve(PARENT));
        enable(root);
        enable(parent);
        Path dir = Files.createDirectories(parent.resolve(name));
        Job job = new Job(dir, limits.memoryBytes());
        try {
            if (limits.memoryBytes() > 0) {
                CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
                CgroupFiles.writeIfPresent(dir.resolve("memory.swap.max"), "0");
            }
            if (limits.cpus() > 0) {
                CgroupFiles.write(dir.resolve("cpu.max"),
                        Math.max(1000, Math.round(limits.cpus() * CPU_PERIOD_MICROS)) + " " + CPU_PERIOD_MICROS);
            }
            if (limits.pids() > 0) {
                CgroupFiles.write(dir.resolve("pids.max"), Integer.toString(limits.pids()));
            }
        } catch (IOException e) {
            job.remove();
            throw e;
        }
        return job;
    }

    /** Each controller alone: one the kernel does not offer here must not keep the others off. */
    private static void enable(Path dir) {
        for (String controller : CONTROLLERS.split(" ")) {
            try {
                CgroupFiles.write(dir.resolve("cgroup.subtree_control"), controller);
            } catch (IOException ignored) {
                // not offered here; the limit that needs it fails loudly when written
            }
        }
    }

    private record Job(Path dir, long memoryLimit) implements JobCgroup {

        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public void killAll() {
            Path procs = dir.resolve("cgroup.procs");
            try {
                if (CgroupFiles.writeIfPresent(dir.resolve("cgroup.kill"), "1")) {
                    CgroupFiles.await(() -> CgroupFiles.pids(procs).isEmpty());
                    return;
                }
            } catch (IOException e) {
                // fall back to freezing
            }
            CgroupFiles.await(() -> {
                if (CgroupFiles.pids(procs).isEmpty()) {
                    return true;
                }
                freeze("1");
                CgroupFiles.kill(CgroupFiles.pids(procs));
                freeze("0");
                return false;
            });
        }

        private void freeze(String value) {
            try {
                CgroupFiles.write(dir.resolve("cgroup.freeze"), value);
            } catch (IOException ignored) {
                // no freezer: the kill loop runs until nothing is left
            }
        }

        @Override
        public boolean oomKilled() {
            return CgroupFiles.keyed(dir.resolve("memory.events"), "oom_kill") > 0;
        }

        @Override
        public void remove() {
            CgroupFiles.removeQuietly(dir);
        }
    }
}
