package org.gantry.storage;

/**
 * What goes wrong in storage, as a closed set, so callers can say why in words rather than
 * relay a RocksDB status string. Every message names the data directory or object involved.
 */
public abstract sealed class StorageException extends RuntimeException
    permits DataDirectoryInUseException,
        StorageOpenException,
        StorageWriteException,
        StorageReadException,
        ChecksumMismatchException,
        ObjectNotFoundException {

    protected StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
