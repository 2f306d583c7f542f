package org.gantry.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gantry.storage.StorageWriteException;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;

class RocksStoreTest {

    private final Path dir = TestStores.tempDir("store");

    @AfterEach
    void cleanUp() {
        TestStores.deleteRecursively(dir);
    }

    @Test
    void concurrentSyncedWritesShareGroupCommits() throws Exception {
        int threads = 32;
        int writesEach = 100;
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String pid = "writer-" + t;
                done.add(pool.submit(() -> {
                    for (int seq = 1; seq <= writesEach; seq++) {
                        byte[] key = PidSeqKey.of(pid, seq);
                        store.commit(batch -> batch.put(store.family(Family.JOURNAL), key, key)).join();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            CommitCounts counts = store.commitCounts();
            assertThat(counts.writes()).isEqualTo(threads * writesEach);
            // 32 writers waiting on each other's fsync must have shared most of them.
            assertThat(counts.writesPerGroup()).isGreaterThan(4.0);
        }
        try (RocksStore reopened = RocksStore.open(StoreSettings.durable(dir))) {
            for (int t = 0; t < threads; t++) {
                byte[] last = reopened.db().get(reopened.family(Family.JOURNAL), PidSeqKey.of("writer-" + t, writesEach));
                assertThat(last).isNotNull();
            }
        }
    }

    @Test
    void unsyncedWritesGoWithoutAWalSyncUnlessTheirGroupHasASyncedOne() throws Exception {
        byte[] lazy = "lazy".getBytes(StandardCharsets.UTF_8);
        byte[] durable = "durable".getBytes(StandardCharsets.UTF_8);
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            store.commitUnsynced(batch -> batch.put(store.family(Family.TABLES), lazy, lazy)).join();
            assertThat(store.commitCounts()).isEqualTo(new CommitCounts(1, 1, 0));
            assertThat(store.db().get(store.family(Family.TABLES), lazy)).isEqualTo(lazy);

            // A slow group lets an unsynced and a synced write queue up and share the next one, synced.
            CompletableFuture<Void> slow = store.commitUnsynced(batch -> sleep(200));
            CompletableFuture<Void> second = store.commitUnsynced(batch -> batch.put(store.family(Family.TABLES), lazy, durable));
            CompletableFuture<Void> third = store.commit(batch -> batch.put(store.family(Family.META), durable, durable));
            CompletableFuture.allOf(slow, second, third).join();
            CommitCounts counts = store.commitCounts();
            assertThat(counts.writes()).isEqualTo(4);
            // How the three group depends on when the writer thread wakes (the slow one may take the
            // others with it); whichever way, only the group holding the synced write syncs.
            assertThat(counts.groups()).isBetween(2L, 4L);
            assertThat(counts.syncs()).isEqualTo(1);
        }
        try (RocksStore reopened = RocksStore.open(StoreSettings.durable(dir))) {
            assertThat(reopened.db().get(reopened.family(Family.TABLES), lazy)).isEqualTo(durable);
        }
    }

    @Test
    void failingWorkRollsBackOnlyItsOwnPartOfTheGroup() throws Exception {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir).withSync(false))) {
            byte[] good = "good".getBytes(StandardCharsets.UTF_8);
            byte[] half = "half".getBytes(StandardCharsets.UTF_8);
            // A slow first group lets the next two queue up and share one batch.
            CompletableFuture<Void> slow = store.commit(batch -> sleep(200));
            CompletableFuture<Void> failing = store.commit(batch -> {
                batch.put(store.family(Family.META), half, half);
                throw new RocksDBException("serialisation went wrong");
            });
            CompletableFuture<Void> fine = store.commit(batch -> batch.put(store.family(Family.META), good, good));
            slow.join();
            fine.join();
            assertThatThrownBy(failing::join).cause()
                    .isInstanceOf(StorageWriteException.class)
                    .hasMessage("write to data directory " + store.dir()
                            + " failed: RocksDB error (RocksDB: serialisation went wrong)");
            assertThat(store.db().get(store.family(Family.META), good)).isEqualTo(good);
            assertThat(store.db().get(store.family(Family.META), half)).isNull();
        }
    }

    @Test
    void writesAfterCloseFailWithAReason() {
        RocksStore store = RocksStore.open(StoreSettings.durable(dir));
        store.close();
        assertThatThrownBy(() -> store.commit(batch -> { }).join())
                .hasCauseInstanceOf(StorageWriteException.class)
                .hasMessageContaining("the store is closed");
    }

    @Test
    void keysSortByPersistenceIdThenSequenceNumber() {
        List<byte[]> keys = List.of(PidSeqKey.of("a", 2), PidSeqKey.of("a", 10), PidSeqKey.of("a", 300),
                PidSeqKey.of("ab", 1), PidSeqKey.of("b", 1));
        for (int i = 1; i < keys.size(); i++) {
            assertThat(java.util.Arrays.compareUnsigned(keys.get(i - 1), keys.get(i))).isNegative();
        }
        assertThat(PidSeqKey.persistenceId(PidSeqKey.of("job|é", 7))).isEqualTo("job|é");
        assertThat(PidSeqKey.sequenceNr(PidSeqKey.of("job", 7))).isEqualTo(7);
        assertThatThrownBy(() -> PidSeqKey.of("bad\u0000id", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
