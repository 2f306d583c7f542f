package org.gantry.storage;

/** Stored bytes no longer match their checksum; the bytes concerned were not returned. */
public final class ChecksumMismatchException extends StorageException {

    public ChecksumMismatchException(String object, String detail) {
        super("checksum mismatch in " + object + ": " + detail + "; the stored copy is corrupt", null);
    }
}
