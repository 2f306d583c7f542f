/**
 * Gantry's storage on RocksDB: one RocksDB instance per data directory ({@code rocks}), under a
 * Pekko Persistence journal ({@code journal}), snapshot store ({@code snapshot}) and read
 * journal ({@code query}, with tag queries over an index the journal keeps), beside a checkpoint
 * and artifact store for large values ({@code objects}) and small ordered tables with a
 * projection offset store ({@code tables}); {@code bench} measures them for
 * {@code gantry bench storage}.
 *
 * <p>Durability: every write is acknowledged only after its WAL sync, and concurrent writes
 * share syncs through one group-commit writer thread. Failures surface as the closed set of
 * {@link org.gantry.storage.StorageException}s, each naming the directory or object concerned.
 *
 * <p>Depends on nothing internal except, if record codecs need it, {@code job-api/model}.
 */
package org.gantry.storage;
