package org.gantry.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class TagOrderingTest {

    private final Path dir = TestStores.tempDir("ordering");

    @AfterEach
    void cleanUp() {
        TestStores.deleteRecursively(dir);
    }

    @Test
    void theCounterResumesAfterTheHighestOrderingOfAnyTag() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            ColumnFamilyHandle tags = store.family(Family.TAGS);
            // The highest ordering sits under a tag that sorts first, so the last key overall is lower.
            store.commit(batch -> {
                batch.put(tags, TagKey.of("a", store.tagOrdering().next()), PidSeqKey.of("p", 1));
                batch.put(tags, TagKey.of("zz", store.tagOrdering().next()), PidSeqKey.of("p", 2));
                batch.put(tags, TagKey.of("a", store.tagOrdering().next()), PidSeqKey.of("p", 3));
            }).join();
        }
        try (RocksStore reopened = RocksStore.open(StoreSettings.durable(dir))) {
            assertThat(reopened.tagOrdering().next()).isEqualTo(4);
        }
    }

    @Test
    void anEmptyIndexStartsAtOne() {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            assertThat(store.tagOrdering().next()).isEqualTo(1);
        }
    }

    @Test
    void aDirectoryWrittenBeforeTheNewFamiliesOpensWithItsDataIntact() throws Exception {
        byte[] key = PidSeqKey.of("old", 1);
        List<ColumnFamilyDescriptor> oldFamilies = new ArrayList<>();
        oldFamilies.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (String name : List.of("journal", "snapshots", "meta", "objects", "chunks")) {
            oldFamilies.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
                RocksDB old = RocksDB.open(options, dir.toString(), oldFamilies, handles)) {
            old.put(handles.get(1), key, key);
            handles.forEach(ColumnFamilyHandle::close);
        }
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            assertThat(store.db().get(store.family(Family.JOURNAL), key)).isEqualTo(key);
            assertThat(store.tagOrdering().next()).isEqualTo(1);
            store.commit(batch -> batch.put(store.family(Family.TABLES), key, key)).join();
        }
    }
}
