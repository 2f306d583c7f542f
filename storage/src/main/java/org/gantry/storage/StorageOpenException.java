package org.gantry.storage;

import java.nio.file.Path;

/** The data directory exists but could not be opened (permissions, corruption, bad options). */
public final class StorageOpenException extends StorageException {

    public StorageOpenException(Path directory, String reason, Throwable cause) {
        super("cannot open data directory " + directory + ": " + reason, cause);
    }
}
