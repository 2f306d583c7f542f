package org.gantry.storage.rocks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The one thread that writes to the database. Writes queue up while the previous group's WAL
 * sync is in flight; the next group folds all of them into one WriteBatch and one sync, so
 * durability costs one fsync per group rather than one per event, and the batch lands whole or
 * not at all. A group of writes that need no sync of their own (see {@link RocksStore#commitUnsynced})
 * is written without one: the WAL keeps them in order, a kill -9 keeps them (they are in the
 * OS's cache) and the next synced group makes them durable with it. Being the only writer, a
 * {@link BatchWork} may read-then-write without locks.
 *
 * <p>Futures complete on this thread: their callbacks must be short and must not block.
 */
final class GroupCommitWriter implements AutoCloseable {

    private record Pending(BatchWork work, boolean alone, boolean sync, CompletableFuture<Void> done) {}

    private static final Pending STOP = new Pending(batch -> { }, true, false, new CompletableFuture<>());

    private final RocksDB db;
    private final WriteOptions synced;
    private final WriteOptions unsynced;
    private final RocksErrors errors;
    private final FreeSpaceReserve reserve;
    private final int maxGroupWrites;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean stopped;
    // Written only by the writer thread; volatile so other threads read fresh values.
    private volatile long groups;
    private volatile long writes;
    private volatile long syncs;
    private volatile long refused;

    GroupCommitWriter(RocksDB db, boolean sync, int maxGroupWrites, RocksErrors errors, FreeSpaceReserve reserve,
                      String name) {
        this.db = db;
        this.reserve = reserve;
        this.synced = new WriteOptions().setSync(sync);
        this.unsynced = new WriteOptions().setSync(false);
        this.errors = errors;
        this.maxGroupWrites = maxGroupWrites;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues work for the next group commit; {@code alone} keeps it out of other writes' group,
     * for work that reads what earlier writes in the queue must have written first; {@code sync}
     * false lets a group of such writes alone go without a WAL sync.
     */
    CompletableFuture<Void> submit(BatchWork work, boolean alone, boolean sync) {
        Pending pending = new Pending(work, alone, sync, new CompletableFuture<>());
        if (closing) {
            pending.done.completeExceptionally(errors.closed());
            return pending.done;
        }
        queue.add(pending);
        if (stopped) {
            failQueued(); // close() may have drained before this add landed
        }
        return pending.done;
    }

    CommitCounts counts() {
        return new CommitCounts(groups, writes, syncs);
    }

    /** Writes refused so far because the disk's free space was under the reserve. */
    long refusedForSpace() {
        return refused;
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first == STOP) {
                return;
            }
            group.add(first);
            if (!first.alone) {
                // Single consumer: what peek() saw is what poll() returns.
                Pending next;
                while (group.size() < maxGroupWrites && (next = queue.peek()) != null && !next.alone) {
                    group.add(queue.poll());
                }
            }
            commit(group);
            group.clear();
        }
    }

    private void commit(List<Pending> group) {
        String shortage = reserve.shortage();
        if (shortage != null) {
            var failure = errors.refused(shortage);
            refused += group.size(); // counted before anyone hears of the refusal, who may then read the count
            group.forEach(pending -> pending.done.completeExceptionally(failure));
            return;
        }
        List<Pending> filled = new ArrayList<>(group.size());
        WriteOptions options = unsynced;
        try (WriteBatch batch = new WriteBatch()) {
            for (Pending pending : group) {
                batch.setSavePoint();
                try {
                    pending.work.fill(batch);
                    filled.add(pending);
                    options = pending.sync ? synced : options;
                } catch (Exception e) {
                    pending.done.completeExceptionally(e instanceof RocksDBException ? errors.onWrite(e) : e);
                    batch.rollbackToSavePoint();
                }
            }
            if (batch.count() > 0) {
                db.write(options, batch);
                syncs += options.sync() ? 1 : 0;
            }
            groups++;
            writes += filled.size();
            filled.forEach(pending -> pending.done.complete(null));
        } catch (Exception e) {
            RuntimeException failure = errors.onWrite(e);
            filled.forEach(pending -> pending.done.completeExceptionally(failure));
        }
    }

    private void failQueued() {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            if (pending != STOP) {
                pending.done.completeExceptionally(errors.closed());
            }
        }
    }

    /** Finishes the writes already queued, then fails any that arrive later. */
    @Override
    public void close() {
        closing = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
        failQueued();
        synced.close();
        unsynced.close();
    }
}
