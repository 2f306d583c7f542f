package org.gantry.storage.query;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;
import org.gantry.storage.rocks.WriteSignal;

/**
 * A stream that never ends by itself (unless a page says so): reads a page from a position, emits
 * it, and when a page brings nothing new waits for the journal's next write, or at most the
 * refresh interval, before reading again. Reads run on the read executor, one page per demand.
 */
final class LiveSource {

    /** Items read from a position, where the next read starts, and whether nothing can follow. */
    record Page<T>(List<T> items, long next, boolean finished) {}

    private record Position(long next, boolean finished) {}

    private final WriteSignal signal;
    private final Duration refreshInterval;
    private final Executor readExecutor;

    LiveSource(WriteSignal signal, Duration refreshInterval, Executor readExecutor) {
        this.signal = signal;
        this.refreshInterval = refreshInterval;
        this.readExecutor = readExecutor;
    }

    <T> Source<T, NotUsed> from(long start, LongFunction<Page<T>> read) {
        return Source.unfoldAsync(new Position(start, false), position -> step(position, read))
                .mapConcat(items -> items);
    }

    /**
     * One read, and when it brings nothing new one wait, then an empty element: the stream asks
     * again only on demand, so a cancelled stream stops polling and no wait chains onto another.
     */
    private <T> CompletionStage<Optional<Pair<Position, List<T>>>> step(Position position, LongFunction<Page<T>> read) {
        if (position.finished()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        long seen = signal.version(); // before reading, so a write during the read still wakes us
        return CompletableFuture.supplyAsync(() -> read.apply(position.next()), readExecutor).thenCompose(page -> {
            if (!page.items().isEmpty() || page.next() != position.next() || page.finished()) {
                return CompletableFuture.completedFuture(
                        Optional.of(Pair.create(new Position(page.next(), page.finished()), page.items())));
            }
            // Off the writer thread, which completes the wait when a write fires the signal.
            return signal.awaitChange(seen, refreshInterval)
                    .thenApplyAsync(woken -> Optional.of(Pair.create(position, List.<T>of())), readExecutor);
        });
    }
}
