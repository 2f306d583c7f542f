package org.gantry.storage;

import java.nio.file.Path;

/** Another process (or another store in this one) already holds the data directory open. */
public final class DataDirectoryInUseException extends StorageException {

    private final Path directory;

    public DataDirectoryInUseException(Path directory, String holder) {
        super("data directory " + directory + " is already in use by " + holder
                + "; stop that process or choose another data directory", null);
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
