package org.gantry.storage.rocks;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * How one RocksDB data directory is opened.
 *
 * @param dir the data directory (one RocksDB instance, all column families)
 * @param sync acknowledge writes only after the WAL is fsynced; off only for tests and benchmarks
 *     that measure something else
 * @param maxGroupWrites the most queued writes one group commit folds into a single WriteBatch
 * @param blobFiles keep chunk values in BlobDB blob files instead of SST files (see
 *     {@link ColumnFamilies} for the measurement behind the default)
 * @param minFreeBytes free space kept on the directory's disk: writes that would eat into it are
 *     refused ({@link FreeSpaceReserve}); 0 keeps none
 */
public record StoreSettings(Path dir, boolean sync, int maxGroupWrites, boolean blobFiles, long minFreeBytes) {
    /** What RocksDB's flushes and compactions of a control plane's data need at most, with room to spare. */
    public static final long DEFAULT_MIN_FREE_BYTES = 64L * 1024 * 1024;

    public StoreSettings {
        dir = dir.toAbsolutePath().normalize();
        if (maxGroupWrites < 1) {
            throw new IllegalArgumentException("maxGroupWrites must be at least 1, was " + maxGroupWrites);
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must be at least 0, was " + minFreeBytes);
        }
    }

    /** Durable defaults for a directory. */
    public static StoreSettings durable(Path dir) {
        return new StoreSettings(dir, true, 1024, true, DEFAULT_MIN_FREE_BYTES);
    }

    /**
     * Reads a plugin's or the store's config section: {@code dir}, {@code sync},
     * {@code group-commit-max-writes}, {@code blob-files} and {@code min-free-space} (the default
     * when absent).
     */
    public static StoreSettings fromConfig(Config config) {
        return new StoreSettings(
                Path.of(config.getString("dir")),
                config.getBoolean("sync"),
                config.getInt("group-commit-max-writes"),
                config.getBoolean("blob-files"),
                config.hasPath("min-free-space") ? config.getBytes("min-free-space") : DEFAULT_MIN_FREE_BYTES);
    }

    public StoreSettings withSync(boolean newSync) {
        return new StoreSettings(dir, newSync, maxGroupWrites, blobFiles, minFreeBytes);
    }

    public StoreSettings withBlobFiles(boolean newBlobFiles) {
        return new StoreSettings(dir, sync, maxGroupWrites, newBlobFiles, minFreeBytes);
    }

    public StoreSettings withMinFreeBytes(long newMinFreeBytes) {
        return new StoreSettings(dir, sync, maxGroupWrites, blobFiles, newMinFreeBytes);
    }
}
