package org.gantry.agent.run;

import java.util.concurrent.CompletionStage;

/**
 * A workload that was started. The agent pipes {@link #exited()} to itself, so nothing here
 * blocks; stopping is two steps the agent times itself: {@link #terminate()}, then
 * {@link #kill()} once the grace period is over.
 */
public interface Execution {

    /** Completes with the exit code once the workload ended (-1 where there was no process). */
    CompletionStage<Integer> exited();

    /** Asks the workload to end (SIGTERM). */
    void terminate();

    /** Ends the workload and everything it started, now (SIGKILL). */
    void kill();

    /**
     * Once {@link #exited()} completed: what the exit code alone does not say (the kernel killed
     * it for going over its memory limit), for the exit's reason; null when there is nothing.
     */
    default String exitNote() {
        return null;
    }
}
