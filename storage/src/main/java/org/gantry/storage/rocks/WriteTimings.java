package org.gantry.storage.rocks;

import java.util.function.LongConsumer;

/**
 * Where the journal reports how long each write took, from the journal actor handing it over to
 * its group commit being durable: the one place that sees both ends. Whoever exports metrics
 * listens (ops, with the Prometheus client); storage names no metrics library. One listener at a
 * time (one exporter per process); none by default.
 */
public final class WriteTimings {
    private static final LongConsumer NOBODY = nanos -> {};
    private volatile LongConsumer listener = NOBODY;

    /** Sends every later journal write's duration, in nanoseconds, to {@code nanos} (called on the writer's thread). */
    public void listen(LongConsumer nanos) {
        listener = nanos == null ? NOBODY : nanos;
    }

    public void journalWrote(long nanos) {
        listener.accept(nanos);
    }
}
