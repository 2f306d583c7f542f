package org.gantry.storage.objects;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.gantry.storage.ChecksumMismatchException;
import org.gantry.storage.StorageException;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.RocksStore;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * Streams one object into the store, a chunk at a time: only the chunk being filled is in
 * memory. Chunks bypass the WAL (writing gigabytes twice buys nothing here) and are flushed to
 * disk before {@link #commit()} publishes the manifest that makes them visible; an upload that
 * is closed without commit, or cut short by a crash, leaves no manifest and its chunks are
 * removed.
 */
public final class ObjectWriter extends OutputStream {

    private final RocksStore store;
    private final ObjectKey key;
    private final long uploadId;
    private final Function<ObjectInfo, ObjectInfo> publish;
    private final ColumnFamilyHandle chunks;
    private final WriteOptions noWal = new WriteOptions().setDisableWAL(true);
    private final byte[] buffer; // CRC slot, then one chunk of data
    private final Sha256 sha256 = new Sha256();
    private int filled;
    private long chunkCount;
    private long size;
    private boolean finished;

    ObjectWriter(RocksStore store, ObjectKey key, long uploadId, int chunkSize,
            Function<ObjectInfo, ObjectInfo> publish) {
        this.store = store;
        this.key = key;
        this.uploadId = uploadId;
        this.publish = publish;
        this.chunks = store.family(Family.CHUNKS);
        this.buffer = new byte[Chunks.CRC_BYTES + chunkSize];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        requireOpen();
        int chunkSize = buffer.length - Chunks.CRC_BYTES;
        while (length > 0) {
            int n = Math.min(length, chunkSize - filled);
            System.arraycopy(bytes, offset, buffer, Chunks.CRC_BYTES + filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == chunkSize) {
                writeChunk();
            }
        }
    }

    private void writeChunk() {
        sha256.update(buffer, Chunks.CRC_BYTES, filled);
        Chunks.seal(uploadId, chunkCount, buffer, filled);
        byte[] value = filled == buffer.length - Chunks.CRC_BYTES ? buffer : Arrays.copyOf(buffer, Chunks.CRC_BYTES + filled);
        try {
            store.db().put(chunks, noWal, Chunks.key(uploadId, chunkCount), value); // copied to native memory
        } catch (RocksDBException e) {
            abort();
            throw store.errors().onWrite(e);
        }
        size += filled;
        chunkCount++;
        filled = 0;
    }

    /**
     * Makes the object durable and visible under its key, replacing any earlier object of that
     * name (and, for checkpoints, dropping those beyond the retention count).
     */
    public ObjectInfo commit() {
        return commit(null);
    }

    /**
     * As {@link #commit()}, but only when what was written has {@code expectedSha256} (hex) as its
     * digest: the sender's own digest of what it read, so a stream damaged on the way is refused
     * and the object of that name stays what it was. A mismatch drops the upload and throws.
     */
    public ObjectInfo commit(String expectedSha256) {
        requireOpen();
        if (filled > 0) {
            writeChunk();
        }
        String digest = sha256.hex(); // once: taking the digest resets it
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(digest)) {
            abort();
            throw new ChecksumMismatchException(key.describe() + " (upload)", "the sender's SHA-256 is "
                    + expectedSha256 + ", the " + size + " bytes received have " + digest);
        }
        try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
            store.db().flush(wait, chunks);
        } catch (RocksDBException e) {
            abort();
            throw store.errors().onWrite(e);
        }
        ObjectInfo info = new ObjectInfo(key, size, buffer.length - Chunks.CRC_BYTES, chunkCount, digest,
                Instant.ofEpochMilli(System.currentTimeMillis()), uploadId);
        try {
            ObjectInfo published = publish.apply(info);
            finished = true;
            noWal.close();
            return published;
        } catch (CompletionException e) {
            abort();
            throw e.getCause() instanceof StorageException s ? s : e;
        }
    }

    /** Drops what was written so far; a no-op after commit. */
    @Override
    public void close() {
        if (!finished) {
            abort();
        }
    }

    private void abort() {
        finished = true;
        try {
            store.db().deleteRange(chunks, Chunks.key(uploadId, 0), Chunks.uploadEnd(uploadId));
        } catch (RocksDBException e) {
            // Left for the orphan sweep at the next open: no manifest names these chunks.
        } finally {
            noWal.close();
        }
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("upload of " + key.describe() + " is already committed or aborted");
        }
    }
}
