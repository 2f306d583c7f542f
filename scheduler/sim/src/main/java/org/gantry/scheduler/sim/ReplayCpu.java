package org.gantry.scheduler.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of the thread replaying a trace: what a replay costs whatever else the machine
 * runs (the wall clock also counts the time it waited for a core). NaN where the JVM cannot tell.
 */
final class ReplayCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ReplayCpu() {}

    /** This thread's CPU time in nanoseconds, or -1 where the JVM does not measure it. */
    static long now() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** Seconds of this thread's CPU time since {@link #now} said {@code started}; NaN when unmeasured. */
    static double secondsSince(long started) {
        long ended = now();
        return started < 0 || ended < 0 ? Double.NaN : (ended - started) / 1e9;
    }
}
