package org.gantry.storage.rocks;

import java.nio.file.Path;
import java.util.Locale;
import org.gantry.storage.DataDirectoryInUseException;
import org.gantry.storage.StorageException;
import org.gantry.storage.StorageOpenException;
import org.gantry.storage.StorageReadException;
import org.gantry.storage.StorageWriteException;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns RocksDB statuses into {@link StorageException}s that say why in words. */
public final class RocksErrors {

    private final Path dir;

    RocksErrors(Path dir) {
        this.dir = dir;
    }

    public StorageException onOpen(RocksDBException e) {
        String text = text(e);
        if (text.toLowerCase(Locale.ROOT).contains("lock")) {
            return new DataDirectoryInUseException(dir, "another process (RocksDB's LOCK file is held)");
        }
        return new StorageOpenException(dir, reason(e), e);
    }

    public StorageWriteException onWrite(Exception e) {
        return new StorageWriteException(dir, e instanceof RocksDBException r ? reason(r) : String.valueOf(e), e);
    }

    public StorageReadException onRead(RocksDBException e) {
        return new StorageReadException(dir, reason(e), e);
    }

    /** A write refused before it reached RocksDB, for {@code reason}. */
    public StorageWriteException refused(String reason) {
        return new StorageWriteException(dir, reason, null);
    }

    public StorageWriteException closed() {
        return new StorageWriteException(dir, "the store is closed", null);
    }

    /** A plain-words cause first, RocksDB's own text after it for whoever debugs. */
    static String reason(RocksDBException e) {
        Status status = e.getStatus();
        String text = text(e);
        String lower = text.toLowerCase(Locale.ROOT);
        String why;
        if ((status != null && status.getSubCode() == Status.SubCode.NoSpace) || lower.contains("no space left")) {
            why = "no space left on device";
        } else if (status != null && status.getCode() == Status.Code.Corruption) {
            why = "stored data is corrupt";
        } else if (status != null && status.getCode() == Status.Code.IOError) {
            why = "I/O error";
        } else {
            why = "RocksDB error";
        }
        return why + " (RocksDB: " + text + ")";
    }

    private static String text(RocksDBException e) {
        Status status = e.getStatus();
        if (status != null && status.getState() != null) {
            return status.getCodeString() + ": " + status.getState();
        }
        return String.valueOf(e.getMessage());
    }
}
