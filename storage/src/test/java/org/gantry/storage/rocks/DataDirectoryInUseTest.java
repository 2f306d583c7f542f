package org.gantry.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.gantry.storage.DataDirectoryInUseException;
import org.gantry.storage.testing.ChildJvm;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataDirectoryInUseTest {

    private final Path dir = TestStores.tempDir("in-use");

    @AfterEach
    void cleanUp() {
        TestStores.deleteRecursively(dir);
    }

    @Test
    void aDirectoryHeldByAnotherProcessIsRefusedWithItsNameAndHolder() throws Exception {
        Process holder = ChildJvm.start(HoldDirectory.class, dir.toString());
        try {
            String line = ChildJvm.stdout(holder).readLine();
            assertThat(line).startsWith("OPEN ");
            String pid = line.substring("OPEN ".length());

            assertThatThrownBy(() -> RocksStore.open(StoreSettings.durable(dir)))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageStartingWith("data directory " + dir.toAbsolutePath() + " is already in use by process " + pid)
                    .hasMessageNotContaining("LOCK")
                    .hasNoCause();
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // Once the holder exits, the directory opens again.
        RocksStore.open(StoreSettings.durable(dir)).close();
    }

    @Test
    @SuppressWarnings("try") // the open store is the point, not something the body uses
    void aSecondOpenInTheSameProcessIsRefusedToo() {
        try (RocksStore first = RocksStore.open(StoreSettings.durable(dir))) {
            assertThatThrownBy(() -> RocksStore.open(StoreSettings.durable(dir)))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("this process");
        }
    }
}
