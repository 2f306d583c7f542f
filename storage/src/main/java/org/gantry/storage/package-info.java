/**
 * Gantry's storage on RocksDB: a Pekko Persistence journal and snapshot-store plugin, a
 * checkpoint/artifact store for large values, small key-value tables (tenants, tokens, usage
 * history) and the durability settings.
 *
 * <p>Depends on nothing internal except, if record codecs need it, {@code job-api}.
 */
package org.gantry.storage;
