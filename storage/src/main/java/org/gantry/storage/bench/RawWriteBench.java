package org.gantry.storage.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.PidSeqKey;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The baseline: threads each writing one event-sized value per {@code WriteBatch} with
 * {@code sync=true}, straight to RocksDB (whose own write groups share the WAL syncs of
 * concurrent writers). No Pekko, no serialisation: what the journal is measured against.
 */
final class RawWriteBench {

    static final int VALUE_BYTES = 160; // about a serialised BenchEvent in its PersistentRepr

    private RawWriteBench() {}

    static double eventsPerSecond(Path dir, int writers, Duration warmUp, Duration measure) throws InterruptedException {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            LongAdder written = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String id = "raw-" + w;
                Thread thread = new Thread(() -> write(store, id, written, running), "raw-writer-" + w);
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(warmUp.toMillis());
            long before = written.sum();
            long start = System.nanoTime();
            Thread.sleep(measure.toMillis());
            long count = written.sum() - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            return count / seconds;
        }
    }

    private static void write(RocksStore store, String id, LongAdder written, AtomicBoolean running) {
        byte[] value = new byte[VALUE_BYTES];
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            for (long seq = 1; running.get(); seq++) {
                try (WriteBatch batch = new WriteBatch()) {
                    batch.put(store.family(Family.JOURNAL), PidSeqKey.of(id, seq), value);
                    store.db().write(sync, batch);
                }
                written.increment();
            }
        } catch (Exception e) {
            throw new IllegalStateException("raw write failed in " + store.dir(), e);
        }
    }
}
