package org.gantry.agent.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.gantry.api.job.ProcessWorkload;

/**
 * Runs a process workload as a real child process under the {@link Watchdog}, with its
 * stdout and stderr going to the attempt's log files.
 */
public final class ProcessRunner implements WorkloadRunner<ProcessWorkload> {
    private final Map<String, String> agentEnv;

    public ProcessRunner() {
        this(System.getenv());
    }

    /** {@code agentEnv}: the agent's environment, of which only an allowlist reaches workloads. */
    public ProcessRunner(Map<String, String> agentEnv) {
        this.agentEnv = Map.copyOf(agentEnv);
    }

    @Override
    public Execution launch(Launch launch, ProcessWorkload workload) throws LaunchFailure {
        Path workingDir = workingDir(launch, workload);
        Path checkpoints = launch.dirs().checkpoints(launch.job());
        Map<String, String> env = LaunchEnvironment.of(launch, workload, checkpoints, agentEnv);
        CommandLookup.find(workload.command().get(0), workingDir, env.get("PATH"));
        try {
            Files.createDirectories(checkpoints);
            Files.createDirectories(launch.stdout().getParent());
        } catch (IOException e) {
            throw new LaunchFailure("cannot create the attempt's directories: " + e.getMessage(), e);
        }
        ProcessBuilder builder = new ProcessBuilder(Watchdog.wrap(workload.command(), launch.killGrace()))
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                // Appended: a serving attempt's replica process restarted in place keeps what the dead one wrote.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.stdout().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(launch.stderr().toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return new ProcessExecution(builder.start());
        } catch (IOException e) {
            throw new LaunchFailure("cannot start " + workload.command().get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The spec's directory, which must exist (relative to the agent's work dir), else a fresh one per attempt. */
    private static Path workingDir(Launch launch, ProcessWorkload workload) throws LaunchFailure {
        if (workload.workingDir() == null || workload.workingDir().isBlank()) {
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
