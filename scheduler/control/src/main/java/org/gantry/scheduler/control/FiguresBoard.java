package org.gantry.scheduler.control;

/**
 * Where the scheduler publishes its {@link ClusterFigures} for the metrics endpoint on the same
 * node, like {@link SubmitGate}: one writer (the scheduler actor, once a tick), many readers
 * (scrapes), an immutable value in between, so a scrape never waits for or interrupts a pass.
 * Empty where no scheduler runs on this node: another control node's scheduler exports them.
 */
public final class FiguresBoard {
    private volatile ClusterFigures figures;

    /** The latest figures, or null when no scheduler on this node has published any. */
    public ClusterFigures figures() {
        return figures;
    }

    void publish(ClusterFigures latest) {
        figures = latest;
    }

    void clear() {
        figures = null;
    }
}
