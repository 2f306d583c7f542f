package org.gantry.api.job;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real child process on each node of the job. {@code secretEnv} reaches the process like
 * {@code env} but is masked wherever the spec is shown; {@code workingDir} is null for the
 * agent's default.
 */
public record ProcessWorkload(List<String> command, Map<String, String> env, Map<String, String> secretEnv,
                              String workingDir) implements Workload {
    public static final String KIND = "process";
    /** What a secret value reads as once redacted. */
    public static final String MASK = "***";

    public ProcessWorkload {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a process workload needs a command");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
    }

    public static ProcessWorkload of(String... command) {
        return new ProcessWorkload(List.of(command), Map.of(), Map.of(), null);
    }

    @Override
    public ProcessWorkload redacted() {
        Map<String, String> masked = secretEnv.keySet().stream().collect(Collectors.toMap(k -> k, k -> MASK));
        return new ProcessWorkload(command, env, masked, workingDir);
    }

    /** Secret values never reach a log line, whoever prints the spec. */
    @Override
    public String toString() {
        ProcessWorkload masked = redacted();
        return "ProcessWorkload[command=" + command + ", env=" + env + ", secretEnv=" + masked.secretEnv
                + ", workingDir=" + workingDir + "]";
    }
}
