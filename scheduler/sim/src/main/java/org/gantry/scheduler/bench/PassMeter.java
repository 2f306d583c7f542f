package org.gantry.scheduler.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What one pass cost its thread: CPU time and bytes allocated, and the collectors' time, besides the wall clock. On a
 * shared machine the wall clock also counts time the thread waited for a core; CPU time and
 * allocation do not, so they compare builds even under load. Either reads -1 where the JVM
 * does not measure it.
 */
final class PassMeter {
    private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.ThreadMXBean allocations =
            threads instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()
                    ? hotspot : null;
    private final boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    PassMeter() {
        if (cpu && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        if (allocations != null && !allocations.isThreadAllocatedMemoryEnabled()) {
            allocations.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** This thread's CPU time so far, in nanoseconds; -1 when not measured. */
    long cpuNanos() {
        return cpu ? threads.getCurrentThreadCpuTime() : -1;
    }

    /** Milliseconds the collectors report, in nanoseconds: the time of collections in between two readings. */
    long gcNanos() {
        long millis = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            millis += Math.max(0, collector.getCollectionTime());
        }
        return millis * 1_000_000;
    }

    /** Bytes this thread allocated so far; -1 when not measured. */
    long allocatedBytes() {
        return allocations == null ? -1 : allocations.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
