package org.gantry.agent.run;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A running process workload. Holding the {@link Process} also holds the watchdog's stdin pipe
 * open: were it dropped and collected, the pipe would close and the watchdog kill the workload.
 */
final class ProcessExecution implements Execution {
    private final Process process;
    private final CompletionStage<Integer> exited;

    ProcessExecution(Process process) {
        this.process = process;
        this.exited = process.onExit().thenApply(Process::exitValue);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public CompletionStage<Integer> exited() {
        return exited;
    }

    /**
     * SIGTERM to the watchdog, which forwards it to the command's process group. Through the
     * handle, not {@link Process#destroy()}: that also closes the watchdog's stdin, which would
     * set off its own TERM-then-KILL on its own clock instead of the stop's grace period.
     */
    @Override
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL to every descendant first, while they can still be found through the watchdog. */
    @Override
    public void kill() {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
