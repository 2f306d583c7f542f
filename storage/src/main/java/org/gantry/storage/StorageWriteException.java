package org.gantry.storage;

import java.nio.file.Path;

/**
 * A write was not made durable, and none of it is visible: RocksDB applies a WriteBatch whole or
 * not at all. The message says why (disk full, I/O error, store closed).
 */
public final class StorageWriteException extends StorageException {

    public StorageWriteException(Path directory, String reason, Throwable cause) {
        super("write to data directory " + directory + " failed: " + reason, cause);
    }
}
