package org.gantry.scheduler.control;

/**
 * When the next start forecast may begin: at most one in flight, and each {@link #EVERY_MILLIS}
 * or more after the last one ended, and at least {@link #IDLE_PER_BUSY} times as long as that
 * one took. A short queue is forecast every ten seconds; a long one, whose forecast takes
 * seconds, keeps at most a tenth of one core busy, where ten seconds whatever it took let a
 * forecast of 10 s keep half a core busy. On a small machine that core is the submit path's.
 */
final class ForecastPacing {
    /** How often the queue is run forward at most: estimates a few seconds old are good enough. */
    static final long EVERY_MILLIS = 10_000;
    /** Idle time after a forecast per unit of time it took: 9 keeps forecasting to a tenth of a core. */
    static final long IDLE_PER_BUSY = 9;

    private boolean inFlight;
    private long startedMillis;
    private long lastEndedMillis = Long.MIN_VALUE / 2;
    private long lastTookMillis;

    /** Whether a forecast should start now. */
    boolean due(long nowMillis, boolean anyoneWaits) {
        long idle = Math.max(EVERY_MILLIS, lastTookMillis * IDLE_PER_BUSY);
        return anyoneWaits && !inFlight && nowMillis - lastEndedMillis >= idle;
    }

    void started(long nowMillis) {
        inFlight = true;
        startedMillis = nowMillis;
    }

    void ended(long nowMillis) {
        inFlight = false;
        lastEndedMillis = nowMillis;
        lastTookMillis = Math.max(0, nowMillis - startedMillis);
    }
}
