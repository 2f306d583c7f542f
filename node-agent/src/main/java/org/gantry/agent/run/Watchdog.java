package org.gantry.agent.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a workload from outliving its agent, or its node's lease. Java cannot ask the kernel to
 * signal a child when its parent dies (PR_SET_PDEATHSIG), so every process workload runs under
 * this small shell: its stdin is a pipe the agent holds open and never writes. When the agent
 * dies, even by {@code kill -9}, the kernel closes the pipe; the watcher sees EOF and kills the
 * command, TERM then KILL after the grace period. A ticker reads the node's {@link LeaseFile}
 * once a second and does the same, with the lease's grace, once the lease lapsed: an agent whose
 * JVM is frozen cannot stop its workloads itself, and the control plane will run them elsewhere.
 * Otherwise the shell waits and exits with the command's exit code (128+N when signal N killed it).
 *
 * <p>The command runs in a session of its own when {@code setsid} exists, so one signal to its
 * process group reaches everything it started. A TERM to the shell (a stop) is forwarded that
 * way, once; the SIGKILL that follows the grace period comes from the agent, to every
 * descendant. The watcher ignores TERM once it has begun killing, so the shell's cleanup
 * cannot cut short the KILL that TERM-resistant grandchildren still need. Given the command's
 * cgroup ({@code cgroup.procs}), the command's process joins it before it execs (as root, before
 * {@code setpriv} drops to the job's user), and the watcher then also kills every process listed
 * there: what left the process group dies with the agent too.
 */
final class Watchdog {
    static final String SHELL = "/bin/sh";
    static final String SCRIPT = String.join("\n",
            "grace=$1; lease=$2; procs=$3; shift 3",
            // A stop may come before the command runs: remember it and pass it on once it does.
            "early=; trap 'early=1' TERM",
            "exec 3<&0",
            // The command's process joins its cgroup (each process list up to \"--\"; 0 is the writer
            // itself) while still this root shell's fork, before anything of the job runs, then execs.
            "run() {",
            "  while [ \"$1\" != -- ]; do echo 0 > \"$1\" || exit 125; shift; done; shift",
            "  if command -v setsid >/dev/null 2>&1; then exec setsid \"$@\"; else exec \"$@\"; fi",
            "}",
            "run \"$@\" </dev/null 3<&- &",
            "pid=$!",
            "signal() { kill -\"$1\" -\"$pid\" 2>/dev/null || kill -\"$1\" \"$pid\" 2>/dev/null; }",
            // Ends the command for good: TERM, KILL after $1 seconds, then whatever its cgroup still holds,
            // in rounds (a process may fork between the read and the kill; the cgroup's pids limit bounds how often).
            "fence() {",
            "  trap '' TERM",
            "  signal TERM",
            "  sleep \"$1\"",
            "  signal KILL",
            "  if [ -n \"$procs\" ]; then for round in 1 2 3 4 5; do",
            "    for p in $(cat \"$procs\" 2>/dev/null); do kill -KILL \"$p\" 2>/dev/null; done; sleep 1",
            "  done; fi",
            "}",
            // The agent died: its end of the pipe closed.
            "( while read -r _ <&3; do :; done; fence \"$grace\" ) </dev/null >/dev/null 2>&1 &",
            "watcher=$!",
            // The node's lease lapsed, which the agent may be too frozen to act on: looked at once a second,
            // by builtins but for the sleep. A lease file that cannot be read keeps the last lapse read.
            "ticker=",
            "if [ -n \"$lease\" ]; then (",
            "  exec 3<&-; lapse=; lgrace=0",
            "  while :; do",
            "    if read -r at g < \"$lease\"; then lapse=$at; lgrace=$g; fi",
            "    read -r up _ < /proc/uptime; up=${up%.*}${up#*.}",
            "    if [ -n \"$lapse\" ] && [ \"$up\" -ge \"$lapse\" ]; then fence \"$lgrace\"; exit 0; fi",
            "    sleep 1",
            "  done",
            ") </dev/null >/dev/null 2>&1 & ticker=$!; fi",
            "exec 3<&-",
            "trap 'signal TERM' TERM",
            "if [ -n \"$early\" ]; then signal TERM; fi",
            // wait returns early (>128) when the trap runs; wait again until the command is really gone.
            // If it ended just then, the shell reaped it already and a second wait reports its real
            // status; after a normal wait, a second one finds no such child (127) and changes nothing.
            "while :; do",
            "  wait \"$pid\"; status=$?",
            "  kill -0 \"$pid\" 2>/dev/null && continue",
            "  if [ \"$status\" -gt 128 ]; then wait \"$pid\" 2>/dev/null; again=$?; [ \"$again\" -ne 127 ] && status=$again; fi",
            "  break",
            "done",
            "kill \"$watcher\" $ticker 2>/dev/null",
            "exit \"$status\"",
            "");

    private Watchdog() {}

    /** The argv that runs {@code command} under the watchdog. */
    static List<String> wrap(List<String> command, Duration grace) {
        return wrap(command, grace, List.of(), null);
    }

    /**
     * As above, for a command that runs in the cgroup whose process lists (one per v1 controller)
     * are {@code procsFiles} (empty: none), fenced by the node's {@code leaseFile} (see
     * {@link LeaseFile}; null: none). Joining the cgroup here, not in a shell of its own, spares
     * an exec per launch.
     */
    static List<String> wrap(List<String> command, Duration grace, List<Path> procsFiles, Path leaseFile) {
        long seconds = Math.max(1, (grace.toMillis() + 999) / 1000);
        List<String> argv = new ArrayList<>(List.of(SHELL, "-c", SCRIPT, "gantry-watchdog", Long.toString(seconds),
                leaseFile == null ? "" : leaseFile.toString(), procsFiles.isEmpty() ? "" : procsFiles.get(0).toString()));
        procsFiles.forEach(file -> argv.add(file.toString()));
        argv.add("--");
        argv.addAll(command);
        return argv;
    }
}
