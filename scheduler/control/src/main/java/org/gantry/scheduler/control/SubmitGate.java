package org.gantry.scheduler.control;

/**
 * Where the scheduler publishes its {@link SubmitRules} for the submit path on the same node:
 * one writer (the scheduler actor), many readers (HTTP threads), and an immutable value in
 * between, so readers never wait for a scheduling pass. Empty while no scheduler runs on this
 * node (before it has recovered, after it stopped or moved to another control node); where it is
 * empty or refuses, the submit asks the scheduler, whose answer is authoritative.
 */
public final class SubmitGate {
    private volatile SubmitRules rules;

    /** The latest rules, or null when no scheduler on this node has published any. */
    public SubmitRules rules() {
        return rules;
    }

    void publish(SubmitRules latest) {
        rules = latest;
    }

    /** The scheduler on this node stopped: its rules would only grow stale here. */
    void clear() {
        rules = null;
    }
}
