package org.gantry.scheduler.policy;

/** Stage 7, elastic growth: hand GPUs that nobody waits for to elastic jobs below their maximum. */
public interface Grower {
    Grower NONE = state -> {};

    void grow(PassState state);
}
