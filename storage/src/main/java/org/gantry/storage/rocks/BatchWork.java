package org.gantry.storage.rocks;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * One caller's share of a group commit: adds its puts and deletes to the batch. Runs on the
 * writer thread, so it may read the database to decide what to write (no other write can slip
 * in between); if it throws, only its own additions are rolled back.
 */
@FunctionalInterface
public interface BatchWork {

    void fill(WriteBatch batch) throws RocksDBException;
}
