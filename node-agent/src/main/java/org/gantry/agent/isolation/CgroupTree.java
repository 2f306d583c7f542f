package org.gantry.agent.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the agent makes its jobs' cgroups: one cgroup2 tree where {@code /sys/fs/cgroup} is
 * cgroup2, else the cgroup v1 controllers mounted under it ({@code memory}, {@code cpu},
 * {@code pids}, {@code freezer}). Each job's cgroup sits under {@value #PARENT}.
 */
public sealed interface CgroupTree permits CgroupV1, CgroupV2 {
    /** The agent's cgroups, under each hierarchy's root. */
    String PARENT = "gantry";
    /** The v1 controllers a job's cgroup is made in, where mounted; memory is required. */
    List<String> V1_CONTROLLERS = List.of("memory", "cpu", "pids", "freezer");

    /** Makes the cgroup {@code name} with {@code limits}; it holds nothing until a process joins it. */
    JobCgroup create(String name, ResourceLimits limits) throws IOException;

    /** E.g. "cgroup v1 (memory, cpu, pids, freezer)". */
    String describe();

    /**
     * Removes the job cgroups under {@value #PARENT} that hold no process and were made more
     * than {@code olderThan} ago: an agent killed with its jobs never got to remove them. The age
     * spares a cgroup another agent on this host has just made and its job not yet joined.
     * Returns how many went.
     */
    int sweepIdle(Duration olderThan);

    /** The hierarchy mounted at {@code root} (normally {@code /sys/fs/cgroup}). */
    static CgroupTree detect(Path root) throws IsolationUnavailable {
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            return new CgroupV2(root);
        }
        Map<String, Path> controllers = new LinkedHashMap<>();
        for (String controller : V1_CONTROLLERS) {
            Path dir = root.resolve(controller);
            if (Files.isRegularFile(dir.resolve("cgroup.procs"))) {
                controllers.put(controller, dir);
            }
        }
        if (!controllers.containsKey("memory")) {
            throw new IsolationUnavailable("no cgroup filesystem at " + root + " (neither cgroup2 nor a v1 memory "
                    + "controller is mounted there)");
        }
        return new CgroupV1(controllers);
    }
}
