package org.gantry.agent.isolation;

/**
 * What one job's cgroup allows it.
 *
 * @param memoryBytes its memory (0: no limit of its own)
 * @param cpus        CPU time as a number of CPUs, e.g. 0.5 or 4 (0: no limit of its own)
 * @param pids        how many processes and threads it may hold at once (0: no limit of its own)
 */
public record ResourceLimits(long memoryBytes, double cpus, int pids) {
    /** Enough for a JVM trainer with its threads, few enough that a fork bomb stops there. */
    public static final int DEFAULT_PIDS = 4096;

    public ResourceLimits {
        if (memoryBytes < 0 || cpus < 0 || pids < 0) {
            throw new IllegalArgumentException("limits must be >= 0: memory " + memoryBytes + ", cpus " + cpus
                    + ", pids " + pids);
        }
    }

    /** The limits of a job whose spec names none. */
    public static ResourceLimits defaults() {
        return new ResourceLimits(0, 0, DEFAULT_PIDS);
    }
}
