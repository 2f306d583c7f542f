package org.gantry.djl;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM (the agent's stop, before its grace period ends in SIGKILL) into a flag the
 * training loop reads between batches. The JVM runs shutdown hooks on SIGTERM and halts once they
 * return, so the hook holds the JVM until the loop says it is {@link #done()}: a checkpoint being
 * written is finished, not cut, and the epoch under way is abandoned (the last checkpoint stands).
 */
final class StopSignal {
    /** How long the hook holds the JVM for the loop: beyond any batch and checkpoint write, within a usual grace. */
    private static final long HOLD_SECONDS = 25;

    private volatile boolean requested;
    private final CountDownLatch done = new CountDownLatch(1);

    /** A signal nobody raises but {@link #request()}: for runs in-process (tests). */
    static StopSignal manual() {
        return new StopSignal();
    }

    /** A signal raised by the JVM's shutdown (SIGTERM, SIGINT, System.exit elsewhere). */
    static StopSignal onShutdown() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(signal::holdUntilDone, "gantry-djl-stop"));
        return signal;
    }

    void request() {
        requested = true;
    }

    boolean requested() {
        return requested;
    }

    /** Called once the training loop holds nothing half-written, whether or not a stop came. */
    void done() {
        done.countDown();
    }

    private void holdUntilDone() {
        requested = true;
        try {
            done.await(HOLD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
