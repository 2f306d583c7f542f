package org.gantry.scheduler.control;

/**
 * Where the scheduler publishes its {@link ClusterFigures} for the metrics endpoint on the same
 * node, like {@link SubmitGate}: one writer (the scheduler actor, once a tick), many readers
 * (scrapes), an immutable value in between, so a scrape never waits for or interrupts a pass.
 * Empty where no scheduler runs on this node: another control node's scheduler exports them.
 */
public final class FiguresBoard {
    /** While a reader came this recently, the figures are counted up every tick. */
    static final long READ_RECENTLY_MILLIS = 60_000;
    /** Unread, they are counted up this seldom: a first scrape after a quiet spell sees figures this old at most. */
    static final long MAX_AGE_MILLIS = 60_000;

    private volatile ClusterFigures figures;
    private volatile long lastReadMillis = Long.MIN_VALUE / 2;

    /** The latest figures, or null when no scheduler on this node has published any. */
    public ClusterFigures figures() {
        lastReadMillis = System.currentTimeMillis();
        return figures;
    }

    /**
     * Whether counting the view up is worth a walk over every live job now: something read the
     * figures lately (a Prometheus scraping), or the last ones are old. Nobody scraping, a tick
     * costs the scheduler nothing (the walk took 5% of its CPU at 40,000 pending jobs).
     */
    boolean wanted(long nowMillis) {
        ClusterFigures latest = figures;
        return latest == null || nowMillis - lastReadMillis < READ_RECENTLY_MILLIS
                || nowMillis - latest.takenAtMillis() >= MAX_AGE_MILLIS;
    }

    void publish(ClusterFigures latest) {
        figures = latest;
    }

    void clear() {
        figures = null;
    }
}
