package org.gantry.agent.run;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.gantry.agent.isolation.JobCgroup;

/**
 * A running process workload. Holding the {@link Process} also holds the watchdog's stdin pipe
 * open: were it dropped and collected, the pipe would close and the watchdog kill the workload.
 * With a cgroup, a kill ends everything in it, and so does the command's exit: what it left
 * running (a daemon that double-forked away) ends with it; then the cgroup goes.
 */
final class ProcessExecution implements Execution {
    /**
     * Where an ended job's cgroup is read, emptied and removed (file I/O, and waits while the
     * kernel kills what is left): not the common pool, which has one thread on a two-core host
     * and runs start forecasts, so every exit would queue behind one. Without a cgroup there is
     * nothing to wait for, and the exit is reported from the thread that saw it.
     */
    private static final Executor CGROUP_CLEANUP = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "gantry-cgroup-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    private final Process process;
    private final JobCgroup cgroup;
    private final CompletionStage<Integer> exited;
    private volatile String exitNote;

    ProcessExecution(Process process, JobCgroup cgroup) {
        this.process = process;
        this.cgroup = cgroup;
        this.exited = cgroup == null ? process.onExit().thenApply(Process::exitValue)
                : process.onExit().thenApplyAsync(ended -> {
                    if (cgroup.oomKilled()) {
                        exitNote = "killed by the kernel: out of memory (OOM) at its memory limit of "
                                + cgroup.memoryLimit() / (1024 * 1024) + " MiB";
                    }
                    cgroup.killAll();
                    cgroup.remove();
                    return ended.exitValue();
                }, CGROUP_CLEANUP);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public CompletionStage<Integer> exited() {
        return exited;
    }

    @Override
    public String exitNote() {
        return exitNote;
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

    /**
     * SIGKILL to everything in its cgroup, where it has one (frozen first, so nothing escapes by
     * forking); else to every descendant first, while they can still be found through the watchdog.
     */
    @Override
    public void kill() {
        if (cgroup != null) {
            cgroup.killAll();
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
