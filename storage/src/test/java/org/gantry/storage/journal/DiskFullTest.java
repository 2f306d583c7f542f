package org.gantry.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.gantry.storage.journal.Ledger.Append;
import org.gantry.storage.journal.Ledger.Appended;
import org.gantry.storage.journal.Ledger.Entry;
import org.gantry.storage.journal.Ledger.GetEntries;
import org.gantry.storage.journal.Ledger.PersistFailed;
import org.gantry.storage.testing.SmallDisk;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk under the journal: the persist fails with a reason, the entity stops, and none of
 * the failed write is there after a restart. The disk is a small tmpfs mounted for the test
 * (root only; elsewhere the test is skipped, saying why).
 */
class DiskFullTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private SmallDisk disk;
    private Path mountPoint;
    private Path dir;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = SmallDisk.mount("disk-full", 128);
        mountPoint = disk.path();
        dir = mountPoint.resolve("rocksdb");
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aFullDiskFailsThePersistStopsTheEntityAndLeavesNothingHalfWritten() throws Exception {
        List<Entry> before = List.of(new Entry("before", 1), new Entry("the disk filled", 2));
        List<Entry> acknowledged = new ArrayList<>(before);
        ActorSystem system = ActorSystem.create("disk-full", TestStores.persistenceConfig(dir, true));
        Path filler = mountPoint.resolve("filler");
        try {
            TestKit probe = new TestKit(system);
            ActorRef ledger = system.actorOf(Ledger.props("ledger", probe.getRef()));
            probe.watch(ledger);
            ledger.tell(new Append(before), probe.getRef());
            probe.expectMsgClass(WAIT, Appended.class);

            fillLeaving(filler, 256 * 1024);
            // RocksDB preallocates WAL space and frees old WAL files, so the disk runs out some
            // writes later, not at once: keep appending 4 MiB atomic writes until one fails.
            PersistFailed failed = null;
            for (int batch = 0; failed == null && batch < 100; batch++) {
                List<Entry> entries = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    entries.add(new Entry("x".repeat(1024 * 1024), batch * 4L + i));
                }
                ledger.tell(new Append(entries), probe.getRef());
                Object reply = probe.expectMsgAnyClassOf(WAIT, Appended.class, PersistFailed.class);
                if (reply instanceof PersistFailed f) {
                    failed = f;
                } else {
                    acknowledged.addAll(entries);
                    fillLeaving(filler, 256 * 1024); // space RocksDB freed (old WAL files) is taken again
                }
            }
            assertThat(failed).as("a persist failure once the disk is full").isNotNull();
            assertThat(failed.message())
                    .startsWith("write to data directory " + dir + " failed: no space left on device");
            probe.expectMsgClass(WAIT, Terminated.class);
        } finally {
            Files.deleteIfExists(filler);
            TestKit.shutdownActorSystem(system);
        }

        ActorSystem restarted = ActorSystem.create("disk-full", TestStores.persistenceConfig(dir, true));
        try {
            TestKit probe = new TestKit(restarted);
            restarted.actorOf(Ledger.props("ledger", probe.getRef())).tell(new GetEntries(), probe.getRef());
            // Every acknowledged entry, and nothing of the write that failed.
            assertThat(probe.expectMsgClass(WAIT, Ledger.Entries.class).entries()).containsExactlyElementsOf(acknowledged);
        } finally {
            TestKit.shutdownActorSystem(restarted);
        }
    }

    private void fillLeaving(Path filler, long free) throws IOException {
        FileStore disk = Files.getFileStore(mountPoint);
        long size = disk.getUsableSpace() - free;
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
            file.seek(file.length());
            byte[] block = new byte[1024 * 1024];
            for (long written = 0; written < size; written += block.length) {
                file.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }
}
