package org.gantry.storage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gantry.storage.bench.StorageBenchReport.ObjectStorePoint;
import org.gantry.storage.objects.CheckpointKey;
import org.gantry.storage.objects.CheckpointStore;
import org.gantry.storage.objects.ObjectSettings;
import org.gantry.storage.objects.ObjectWriter;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;

/**
 * Checkpoint store throughput: streams checkpoints in and keeps them all, so the data
 * accumulates as artifacts do and compaction gets its say; reads the newest back with every
 * checksum checked; reports the disk the directory occupies afterwards. Run once with chunks in BlobDB blob files and
 * once with chunks inline in SST files, to compare the layouts.
 */
final class ObjectStoreBench {

    private static final int BLOCK = 1 << 20;
    private static final double MIB = 1 << 20;

    private ObjectStoreBench() {}

    static ObjectStorePoint measure(Path dir, boolean blobFiles, long objectBytes, int objects) throws IOException {
        byte[] block = new byte[BLOCK];
        new SplittableRandom(42).nextBytes(block); // incompressible, like trained weights
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir).withBlobFiles(blobFiles))) {
            CheckpointStore checkpoints = CheckpointStore.open(store, new ObjectSettings(BLOCK, objects));
            long start = System.nanoTime();
            for (int step = 1; step <= objects; step++) {
                try (ObjectWriter writer = checkpoints.writer(new CheckpointKey("bench-job", step))) {
                    for (long written = 0; written < objectBytes; written += BLOCK) {
                        ByteBuffer.wrap(block).putLong(written ^ step); // every chunk distinct
                        writer.write(block, 0, (int) Math.min(BLOCK, objectBytes - written));
                    }
                    writer.commit();
                }
            }
            // Sustained rather than burst speed: the compactions the writes caused are part of their cost.
            waitForCompactions(store);
            double writeSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            long read = 0;
            try (InputStream in = checkpoints.read(new CheckpointKey("bench-job", objects))) {
                byte[] buffer = new byte[BLOCK];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    read += n;
                }
            }
            double readSeconds = (System.nanoTime() - start) / 1e9;
            if (read != objectBytes) {
                throw new IllegalStateException("read back " + read + " bytes of " + objectBytes);
            }
            return new ObjectStorePoint(blobFiles ? "blob-files" : "sst-inline", objectBytes, objects,
                    objectBytes * objects / MIB / writeSeconds, objectBytes / MIB / readSeconds, diskBytes(dir));
        }
    }

    private static void waitForCompactions(RocksStore store) {
        ColumnFamilyHandle chunks = store.family(Family.CHUNKS);
        try {
            while (store.db().getLongProperty(chunks, "rocksdb.compaction-pending") > 0
                    || store.db().getLongProperty("rocksdb.num-running-compactions") > 0
                    || store.db().getLongProperty("rocksdb.num-running-flushes") > 0) {
                Thread.sleep(20);
            }
        } catch (RocksDBException e) {
            throw store.errors().onRead(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long diskBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) { // RocksDB keeps its files in one directory
            return files.mapToLong(path -> path.toFile().length()).sum(); // 0 for a file just deleted
        }
    }
}
