package org.gantry.scheduler.control;

/**
 * A waiting job's shape as a metric label: its GPU count exactly up to 8 (one node's worth on
 * most fleets, where an autoscaler's choice differs per count), then in doubling ranges, so a
 * pool has at most a dozen shapes however wide its jobs are.
 */
public final class QueueShape {
    private QueueShape() {}

    public static String of(int gpus) {
        if (gpus <= 8) {
            return String.valueOf(Math.max(gpus, 0));
        }
        if (gpus > 64) {
            return "65+";
        }
        int upper = Integer.highestOneBit(gpus - 1) << 1; // 9..16 -> 16, 17..32 -> 32, 33..64 -> 64
        return (upper / 2 + 1) + "-" + upper;
    }
}
