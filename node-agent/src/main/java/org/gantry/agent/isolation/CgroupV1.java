package org.gantry.agent.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cgroup v1: a job's cgroup is a directory of the same name in each controller mounted. Its
 * limits: {@code memory.limit_in_bytes} (and the same for memory plus swap, so swap does not
 * stretch it), CFS quota, {@code pids.max}. A kill freezes it through the freezer when mounted.
 */
record CgroupV1(Map<String, Path> controllers) implements CgroupTree {
    static final long CFS_PERIOD_MICROS = 100_000;

    CgroupV1 {
        controllers = Map.copyOf(new LinkedHashMap<>(controllers));
    }

    @Override
    public String describe() {
        return "cgroup v1 (" + String.join(", ", CgroupTree.V1_CONTROLLERS.stream()
                .filter(controllers::containsKey).toList()) + ")";
    }

    @Override
    public int sweepIdle(Duration olderThan) {
        // A v1 job cgroup is one directory per controller; each goes once it is empty there.
        return controllers.values().stream()
                .mapToInt(root -> CgroupFiles.sweepIdle(root.resolve(PARENT), olderThan)).max().orElse(0);
    }

    @Override
    public JobCgroup create(String name, ResourceLimits limits) throws IOException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String controller : CgroupTree.V1_CONTROLLERS) {
            Path root = controllers.get(controller);
            if (root != null) {
                dirs.put(controller, Files.createDirectories(root.resolve(PARENT).resolve(name)));
            }
        }
        Job job = new Job(dirs, limits.memoryBytes());
        try {
            Path memory = dirs.get("memory");
            if (limits.memoryBytes() > 0) {
                CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
                CgroupFiles.writeIfPresent(memory.resolve("memory.memsw.limit_in_bytes"),
                        Long.toString(limits.memoryBytes()));
            }
            if (limits.cpus() > 0 && dirs.containsKey("cpu")) {
                CgroupFiles.write(dirs.get("cpu").resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_MICROS));
                CgroupFiles.write(dirs.get("cpu").resolve("cpu.cfs_quota_us"),
                        Long.toString(Math.max(1000, Math.round(limits.cpus() * CFS_PERIOD_MICROS))));
            }
            if (limits.pids() > 0 && dirs.containsKey("pids")) {
                CgroupFiles.write(dirs.get("pids").resolve("pids.max"), Integer.toString(limits.pids()));
            }
        } catch (IOException e) {
            job.remove();
            throw e;
        }
        return job;
    }

    private record Job(Map<String, Path> dirs, long memoryLimit) implements JobCgroup {

        @Override
        public List<Path> procsFiles() {
            return dirs.values().stream().map(dir -> dir.resolve("cgroup.procs")).toList();
        }

        /** Where its processes are listed: the freezer's, which is what a kill freezes. */
        private Path procs() {
            return dirs.getOrDefault("freezer", dirs.get("memory")).resolve("cgroup.procs");
        }

        @Override
        public void killAll() {
            Path freezer = dirs.get("freezer");
            CgroupFiles.await(() -> {
                List<Long> pids = CgroupFiles.pids(procs());
                if (pids.isEmpty()) {
                    return true;
                }
                if (freezer != null) {
                    freeze(freezer, "FROZEN");
                }
                CgroupFiles.kill(CgroupFiles.pids(procs()));
                if (freezer != null) {
                    freeze(freezer, "THAWED"); // a frozen process cannot act on its SIGKILL
                }
                return false;
            });
        }

        private static void freeze(Path freezer, String state) {
            try {
                CgroupFiles.write(freezer.resolve("freezer.state"), state);
            } catch (IOException e) {
                return;
            }
            CgroupFiles.await(() -> CgroupFiles.read(freezer.resolve("freezer.state")).strip().equals(state));
        }

        @Override
        public boolean oomKilled() {
            Path control = dirs.get("memory").resolve("memory.oom_control");
            return CgroupFiles.keyed(control, "oom_kill") > 0 || CgroupFiles.keyed(control, "under_oom") > 0;
        }

        @Override
        public void remove() {
            dirs.values().forEach(CgroupFiles::removeQuietly);
        }
    }
}
