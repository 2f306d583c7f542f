package org.gantry.storage.rocks;

import java.util.function.LongSupplier;

/**
 * Keeps a reserve of free space on the data directory's disk by refusing writes that would eat
 * into it. RocksDB treats a failed WAL append for want of space as a hard error: it refuses every
 * later write until the database is reopened, so a control plane whose disk filled for a moment
 * would refuse submits (503) for good. Refused here instead, nothing reaches RocksDB, and writes
 * go through again as soon as space returns; the reserve is what RocksDB's own flushes and
 * compactions still need meanwhile. The disk is asked at most every {@link #RECHECK_NANOS}: the
 * writes between two looks are far smaller than any sensible reserve.
 *
 * <p>Used by the writer thread only.
 */
final class FreeSpaceReserve {
    static final long RECHECK_NANOS = 10_000_000;

    private final long reserveBytes;
    private final LongSupplier usableBytes;
    private final LongSupplier nanoClock;
    private long checkedAt;
    private long lastUsable = -1;

    /**
     * @param reserveBytes the free space to keep; 0 turns the check off
     * @param usableBytes  the disk's free space as this process may use it (statvfs)
     * @param nanoClock    a monotonic clock in nanoseconds
     */
    FreeSpaceReserve(long reserveBytes, LongSupplier usableBytes, LongSupplier nanoClock) {
        if (reserveBytes < 0) {
            throw new IllegalArgumentException("the free-space reserve must be >= 0 bytes, got " + reserveBytes);
        }
        this.reserveBytes = reserveBytes;
        this.usableBytes = usableBytes;
        this.nanoClock = nanoClock;
    }

    /** Why writes are refused now, in words that say how to fix it; null while the reserve is kept. */
    String shortage() {
        if (reserveBytes == 0) {
            return null;
        }
        long now = nanoClock.getAsLong();
        if (lastUsable < 0 || now - checkedAt >= RECHECK_NANOS) {
            lastUsable = usableBytes.getAsLong();
            checkedAt = now;
        }
        if (lastUsable >= reserveBytes) {
            return null;
        }
        return shortage(lastUsable, reserveBytes);
    }

    /** Why writes are refused with {@code usableBytes} free under a reserve of {@code reserveBytes}. */
    static String shortage(long usableBytes, long reserveBytes) {
        return "no space left on device: " + mebibytes(usableBytes) + " free, under the " + mebibytes(reserveBytes)
                + " kept free for the database's own work (gantry.storage.min-free-space); free some space on that"
                + " disk and writes are taken again at once";
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
