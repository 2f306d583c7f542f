package org.gantry.agent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.agent.isolation.Confinement;
import org.gantry.agent.isolation.Isolation;
import org.gantry.api.job.ProcessWorkload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a process workload as a real child process under the {@link Watchdog}, with its
 * stdout and stderr going to the attempt's log files (the agent's own, written through the
 * descriptors it hands over). Where the node {@link Isolation confines} jobs, the command runs
 * in a cgroup of its own as its tenant's uid, from an environment of nothing of the agent's.
 */
public final class ProcessRunner implements WorkloadRunner<ProcessWorkload> {
    /** Enters the job's working directory as the job's user, so it gets no directory it could not enter itself. */
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    static final List<String> ENTER = List.of("/bin/sh", "-c", "cd -- \"$0\" || exit 126; exec \"$@\"");

    private final Map<String, String> agentEnv;
    private final Isolation isolation;

    public ProcessRunner() {
        this(System.getenv());
    }

    /** {@code agentEnv}: the agent's environment, of which only an allowlist reaches workloads. */
    public ProcessRunner(Map<String, String> agentEnv) {
        this(agentEnv, Isolation.NOT_ASKED);
    }

    public ProcessRunner(Map<String, String> agentEnv, Isolation isolation) {
        this.agentEnv = Map.copyOf(agentEnv);
        this.isolation = isolation;
    }

    public Isolation isolation() {
        return isolation;
    }

    @Override
    public Execution launch(Launch launch, ProcessWorkload workload) throws LaunchFailure {
        Path workingDir = workingDir(launch, workload);
        Path checkpoints = launch.dirs().checkpoints(launch.job());
        try {
            Files.createDirectories(checkpoints);
            Files.createDirectories(launch.stdout().getParent());
        } catch (IOException e) {
            throw new LaunchFailure("cannot create the attempt's directories: " + e.getMessage(), e);
        }
        Confinement confinement = confine(launch);
        Map<String, String> env = LaunchEnvironment.of(launch, workload, checkpoints, confinement.baseEnv());
        try {
            CommandLookup.find(workload.command().get(0), workingDir, env.get("PATH"));
            List<String> command = workload.command();
            // The attempt's own run directory is made here and handed to the job's user, so the
            // process may start in it (entered before dropping to that user, one exec fewer); a
            // directory the spec names is entered as that user, which fails where it may not.
            boolean enterAsUser = confinement.cgroup() != null && !ownRunDir(workload);
            if (enterAsUser) {
                command = new ArrayList<>(ENTER);
                command.add(workingDir.toString());
                command.addAll(workload.command());
            }
            List<Path> procs = confinement.cgroup() == null ? List.of() : confinement.cgroup().procsFiles();
            ProcessBuilder builder = new ProcessBuilder(Watchdog.wrap(confinement.wrap(command), launch.killGrace(),
                    procs, launch.dirs().lease()))
                    .directory(enterAsUser ? launch.dirs().jobs().toFile() : workingDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    // Appended: a serving attempt's replica process restarted in place keeps what the dead one wrote.
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.stdout().toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(launch.stderr().toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            try {
                return new ProcessExecution(builder.start(), confinement.cgroup());
            } catch (IOException e) {
                throw new LaunchFailure("cannot start " + workload.command().get(0) + ": " + e.getMessage(), e);
            }
        } catch (LaunchFailure | RuntimeException e) {
            if (confinement.cgroup() != null) {
                confinement.cgroup().remove();
            }
            throw e;
        }
    }

    /** The agent's allowlisted environment, or, confined, the job's user, home and cgroup. */
    private Confinement confine(Launch launch) throws LaunchFailure {
        if (!(isolation instanceof Isolation.Confined confined)) {
            return Confinement.none(agentEnv);
        }
        WorkDirs dirs = launch.dirs();
        String name = launch.job().value() + "." + launch.attempt() + "." + Long.toHexString(System.nanoTime());
        try {
            return confined.confine(launch.tenant(), name, launch.limits(), dirs.jobs(),
                    List.of(dirs.run(launch.job(), launch.attempt()), dirs.checkpoints(launch.job())));
        } catch (IOException e) {
            // The path or cgroup file is the agent's business; the tenant learns that the node failed.
            LOG.warn("attempt {} of {}: cannot prepare its isolation: {}", launch.attempt(), launch.job(), e.toString());
            throw new LaunchFailure("this node could not prepare the job's isolation (its user, directories or "
                    + "cgroup); the node's log says why", e);
        }
    }

    /** Whether the workload runs in its attempt's own run directory: the spec names none. */
    private static boolean ownRunDir(ProcessWorkload workload) {
        return workload.workingDir() == null || workload.workingDir().isBlank();
    }

    /** The spec's directory, which must exist (relative to the agent's work dir), else a fresh one per attempt. */
    private static Path workingDir(Launch launch, ProcessWorkload workload) throws LaunchFailure {
        if (ownRunDir(workload)) {
            Path dir = launch.dirs().run(launch.job(), launch.attempt());
            try {
                return Files.createDirectories(dir);
            } catch (IOException e) {
                throw new LaunchFailure("cannot create working directory " + dir + ": " + e.getMessage(), e);
            }
        }
        Path dir;
        try {
            dir = launch.dirs().root().resolve(workload.workingDir());
        } catch (InvalidPathException e) {
            throw new LaunchFailure("not a valid working directory: " + workload.workingDir());
        }
        if (!Files.isDirectory(dir)) {
            throw new LaunchFailure("no such working directory: " + workload.workingDir());
        }
        return dir;
    }
}
