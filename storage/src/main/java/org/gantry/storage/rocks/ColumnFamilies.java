package org.gantry.storage.rocks;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;

/**
 * The options of each column family. Small records (events, snapshots, manifests) share a block
 * cache and are LZ4-compressed. Chunks of checkpoints and artifacts are large, mostly
 * incompressible values; with {@code blobFiles} on they go to BlobDB blob files and the LSM tree
 * keeps only pointers, so compaction never rewrites checkpoint bytes.
 *
 * <p>Blob files or chunks inline in SST files, measured with {@code gantry bench storage} on
 * the project's 2-core machine (1 MiB chunks, 256 MiB checkpoints, all kept): blob files wrote
 * 317 MiB/s sustained against 162 MiB/s inline, because inline chunks are rewritten by
 * compaction as they accumulate; inline reads were faster (about 800 against 450-500 MiB/s).
 * With retention deleting old checkpoints soon, inline wrote at 410 against 320 MiB/s, since
 * deleted ranges are dropped before compaction moves them. Checkpoints are written far more
 * often than read, and artifacts accumulate, so blob files are the default; either way reads
 * outpace the network that ships checkpoints.
 */
final class ColumnFamilies implements AutoCloseable {

    private static final long MIB = 1024L * 1024;

    /** Half kept for index and filter blocks (high priority), so data blocks read once cannot evict them. */
    private final Cache blockCache = new LRUCache(64 * MIB, -1, false, 0.5);
    private final List<ColumnFamilyOptions> options = new ArrayList<>();
    private final List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();

    ColumnFamilies(boolean blobFiles) {
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, track(smallRecords())));
        for (Family family : Family.values()) {
            ColumnFamilyOptions cfOptions = family == Family.CHUNKS ? chunks(blobFiles) : smallRecords();
            descriptors.add(new ColumnFamilyDescriptor(family.nameBytes(), track(cfOptions)));
        }
    }

    /** Default first, then {@link Family} in declaration order. */
    List<ColumnFamilyDescriptor> descriptors() {
        return descriptors;
    }

    private ColumnFamilyOptions track(ColumnFamilyOptions cfOptions) {
        options.add(cfOptions);
        return cfOptions;
    }

    private ColumnFamilyOptions smallRecords() {
        // Partitioned index and filters: a point read loads one small partition, not a whole file's
        // index and filter (megabytes for a file of a million events). Whole blocks in a 64 MiB cache
        // were evicted by data and read again on nearly every Get once the journal outgrew the
        // cache: following the tag of a million-job journal ran at about 1,000 events/s.
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(new BloomFilter(10))
                .setIndexType(IndexType.kTwoLevelIndexSearch)
                .setPartitionFilters(true)
                .setMetadataBlockSize(4096)
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinTopLevelIndexAndFilter(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(32 * MIB);
    }

    private ColumnFamilyOptions chunks(boolean blobFiles) {
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setWriteBufferSize(64 * MIB)
                .setMaxWriteBufferNumber(3);
        if (blobFiles) {
            cfOptions.setEnableBlobFiles(true)
                    .setMinBlobSize(4096)
                    .setBlobFileSize(256 * MIB)
                    .setBlobCompressionType(CompressionType.NO_COMPRESSION)
                    .setEnableBlobGarbageCollection(true)
                    .setBlobGarbageCollectionAgeCutoff(0.25);
        }
        return cfOptions;
    }

    @Override
    public void close() {
        options.forEach(ColumnFamilyOptions::close);
        blockCache.close();
    }
}
