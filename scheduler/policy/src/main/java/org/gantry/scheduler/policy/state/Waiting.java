package org.gantry.scheduler.policy.state;

/** Jobs waiting in a pool, and the GPUs they ask for at least. */
public record Waiting(int jobs, int gpus) {
    public static final Waiting NONE = new Waiting(0, 0);

    Waiting plus(int jobCount, int gpuCount) {
        return new Waiting(jobs + jobCount, gpus + gpuCount);
    }
}
