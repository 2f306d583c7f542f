package org.gantry.storage.objects;

import java.io.InputStream;
import org.gantry.storage.ChecksumMismatchException;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.RocksStore;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;
import org.rocksdb.Status;

/**
 * Streams one object back, a chunk at a time. Each chunk's CRC32C is checked before any of its
 * bytes are handed out, and the whole object's SHA-256 at the end, so a corrupt copy fails with
 * a {@link ChecksumMismatchException} naming the object instead of returning wrong bytes. Reads
 * come from a database snapshot taken at open: replacing or deleting the object meanwhile does
 * not disturb a read in progress.
 */
public final class ObjectReader extends InputStream {

    private final RocksStore store;
    private final ObjectInfo info;
    private final ColumnFamilyHandle chunks;
    private final Snapshot snapshot;
    private final ReadOptions readOptions;
    private final Sha256 sha256 = new Sha256();
    private byte[] current = new byte[Chunks.CRC_BYTES];
    private int position = Chunks.CRC_BYTES;
    private long nextChunk;
    private boolean closed;

    ObjectReader(RocksStore store, ObjectInfo info, Snapshot snapshot) {
        this.store = store;
        this.info = info;
        this.chunks = store.family(Family.CHUNKS);
        this.snapshot = snapshot;
        this.readOptions = new ReadOptions().setSnapshot(snapshot).setVerifyChecksums(true);
    }

    public ObjectInfo info() {
        return info;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
        if (closed) {
            throw new IllegalStateException("reader of " + info.key().describe() + " is closed");
        }
        if (length == 0) {
            return 0;
        }
        if (position == current.length && !advance()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - position;
    }

    private boolean advance() {
        if (nextChunk == info.chunkCount()) {
            String actual = sha256.hex();
            if (!actual.equals(info.sha256())) {
                throw corrupt("the whole object's SHA-256 is " + actual + ", its manifest says " + info.sha256());
            }
            return false;
        }
        long index = nextChunk++;
        byte[] value;
        try {
            value = store.db().get(chunks, readOptions, Chunks.key(info.uploadId(), index));
        } catch (RocksDBException e) {
            if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.Corruption) {
                throw corrupt("chunk " + index + " of " + info.chunkCount() + ": " + e.getMessage());
            }
            throw store.errors().onRead(e);
        }
        if (value == null) {
            throw corrupt("chunk " + index + " of " + info.chunkCount() + " is missing");
        }
        if (!Chunks.intact(info.uploadId(), index, value)) {
            throw corrupt("chunk " + index + " of " + info.chunkCount() + " fails its CRC32C");
        }
        long expected = Math.min(info.chunkSize(), info.size() - index * info.chunkSize());
        if (value.length - Chunks.CRC_BYTES != expected) {
            throw corrupt("chunk " + index + " holds " + (value.length - Chunks.CRC_BYTES) + " bytes, expected " + expected);
        }
        sha256.update(value, Chunks.CRC_BYTES, value.length - Chunks.CRC_BYTES);
        current = value;
        position = Chunks.CRC_BYTES;
        return true;
    }

    private ChecksumMismatchException corrupt(String detail) {
        return new ChecksumMismatchException(info.key().describe(), detail);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            readOptions.close();
            store.db().releaseSnapshot(snapshot);
        }
    }
}
