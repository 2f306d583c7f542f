package org.gantry.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.gantry.storage.StorageWriteException;
import org.gantry.storage.testing.SmallDisk;
import org.junit.jupiter.api.Test;

/**
 * A real full disk ({@link SmallDisk}), filled by another file to the last byte. Writes are refused with words that say why, RocksDB never sees the
 * failure (it would refuse every write after a failed WAL append until reopened), and once the
 * file is gone writes go through again, with everything written before still there.
 */
class FullDiskRecoveryTest {
    private static final long RESERVE = 8L * 1024 * 1024;
    @Test
    void aFullDiskRefusesWritesAndTakesThemAgainOnceSpaceReturns() throws Exception {
        try (SmallDisk disk = SmallDisk.mount("full-disk-recovery", 32)) {
            refusesWhileFullThenRecovers(disk.path());
        }
    }

    private void refusesWhileFullThenRecovers(Path mountPoint) throws Exception {
        Path filler = mountPoint.resolve("filler");
        var settings = StoreSettings.durable(mountPoint.resolve("rocksdb")).withMinFreeBytes(RESERVE);
        try (RocksStore store = RocksStore.open(settings)) {
            put(store, "before");
            assertThat(store.spaceShortage()).isNull();

            fillToTheLastByte(filler);
            Thread.sleep(FreeSpaceReserve.RECHECK_NANOS / 1_000_000 + 5);
            assertThat(store.spaceShortage()).as("told before writing").contains("no space left on device")
                    .contains("min-free-space");
            for (int i = 0; i < 20; i++) {
                String key = "while-full-" + i;
                assertThatThrownBy(() -> put(store, key)).isInstanceOf(CompletionException.class)
                        .cause().isInstanceOf(StorageWriteException.class)
                        .hasMessageContaining("no space left on device").hasMessageContaining("min-free-space");
            }

            assertThat(store.writesRefusedForSpace()).isEqualTo(20);
            assertThat(store.diskFreeBytes()).isLessThan(RESERVE);

            Files.delete(filler);
            Thread.sleep(FreeSpaceReserve.RECHECK_NANOS / 1_000_000 + 5);
            assertThat(store.spaceShortage()).isNull();
            put(store, "after");
            assertThat(get(store, "before")).isEqualTo("before");
            assertThat(get(store, "after")).isEqualTo("after");
            assertThat(get(store, "while-full-0")).as("a refused write left nothing behind").isNull();
        }
        try (RocksStore reopened = RocksStore.open(settings)) {
            assertThat(get(reopened, "before")).isEqualTo("before");
            assertThat(get(reopened, "after")).isEqualTo("after");
        }
    }

    /** Writes until the disk refuses: what the reserve is for, since another process may do just this. */
    private static void fillToTheLastByte(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    private static void put(RocksStore store, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        store.commit(batch -> batch.put(store.family(Family.JOURNAL), bytes, bytes)).join();
    }

    private static String get(RocksStore store, String key) throws Exception {
        byte[] value = store.db().get(store.family(Family.JOURNAL), key.getBytes(StandardCharsets.UTF_8));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
