package org.gantry.agent.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one launch runs: {@link #wrap} puts the job's command behind what joins its cgroup and
 * drops to its user; {@link #baseEnv()} is all it gets of an environment before the job's own
 * and Gantry's variables; {@code cgroup} is null where there is none.
 */
public record Confinement(List<String> prefix, Map<String, String> baseEnv, JobCgroup cgroup) {

    public Confinement {
        prefix = List.copyOf(prefix);
        baseEnv = Map.copyOf(baseEnv);
    }

    /** Running as the agent, with the agent's allowlisted environment. */
    public static Confinement none(Map<String, String> agentEnv) {
        return new Confinement(List.of(), agentEnv, null);
    }

    public List<String> wrap(List<String> command) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(command);
        return argv;
    }
}
