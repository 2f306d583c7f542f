package org.gantry.storage.rocks;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes live queries when the journal has committed: a reader notes {@link #version()} before it
 * reads, and if it found nothing new it waits with {@link #awaitChange} for a write after that
 * version. Checking the version after registering means no write slips between read and wait.
 */
public final class WriteSignal {

    private final AtomicLong version = new AtomicLong();
    private final Set<CompletableFuture<Void>> waiters = ConcurrentHashMap.newKeySet();

    public long version() {
        return version.get();
    }

    /** Completes once a write lands after {@code seen}, or after {@code atMost} whatever happens. */
    public CompletableFuture<Void> awaitChange(long seen, Duration atMost) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        waiter.whenComplete((done, error) -> waiters.remove(waiter));
        if (version.get() != seen) {
            waiter.complete(null);
        }
        return waiter.completeOnTimeout(null, atMost.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Called after a commit is visible; completes waiters on the caller's thread, so they must hop off it. */
    public void fire() {
        version.incrementAndGet();
        waiters.forEach(waiter -> waiter.complete(null));
    }
}
