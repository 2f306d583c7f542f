package org.gantry.scheduler.bench;

/**
 * Heap in use once garbage is gone. One {@code System.gc()} may leave garbage behind (reference
 * processing, a concurrent cycle still running), so it collects until two readings agree.
 */
final class HeapProbe {
    private static final int MAX_ROUNDS = 10;
    private static final long SETTLED_BYTES = 64 * 1024;

    private HeapProbe() {}

    static long usedBytes() {
        Runtime runtime = Runtime.getRuntime();
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = runtime.totalMemory() - runtime.freeMemory();
            if (Math.abs(previous - used) <= SETTLED_BYTES) {
                break;
            }
            previous = used;
        }
        return used;
    }
}
