package org.gantry.storage;

import java.nio.file.Path;

/** A read failed for a reason other than a checksum mismatch (I/O error, store closed). */
public final class StorageReadException extends StorageException {

    public StorageReadException(Path directory, String reason, Throwable cause) {
        super("read from data directory " + directory + " failed: " + reason, cause);
    }
}
