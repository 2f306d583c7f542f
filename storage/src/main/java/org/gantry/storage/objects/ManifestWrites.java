package org.gantry.storage.objects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gantry.storage.rocks.BatchWork;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.RangeIterator;
import org.gantry.storage.rocks.RocksStore;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The manifest changes, as work for the store's writer thread (run alone, so what they read is
 * current). Each drops the chunks of the manifests it removes in the same batch: an object is
 * visible with all its chunks, or gone with all of them.
 */
final class ManifestWrites {

    private final RocksStore store;
    private final ColumnFamilyHandle objects;
    private final ColumnFamilyHandle chunks;
    private final int keepLastCheckpoints;

    ManifestWrites(RocksStore store, int keepLastCheckpoints) {
        this.store = store;
        this.objects = store.family(Family.OBJECTS);
        this.chunks = store.family(Family.CHUNKS);
        this.keepLastCheckpoints = keepLastCheckpoints;
    }

    /**
     * Publishes {@code info}, replacing an object of the same name. A checkpoint also drops the
     * oldest of its job's checkpoints beyond the retention count; when the new one is itself
     * older than all those kept, it is the one dropped. {@code removed} receives every upload
     * whose chunks the batch deletes.
     */
    BatchWork publish(ObjectInfo info, List<Long> removed) {
        return batch -> {
            byte[] key = info.key().encode();
            byte[] previous = store.db().get(objects, key);
            if (previous != null) {
                drop(batch, ManifestCodec.decode(key, previous).uploadId(), removed);
            }
            if (!(info.key() instanceof CheckpointKey checkpoint)) {
                batch.put(objects, key, ManifestCodec.encode(info));
                return;
            }
            List<ObjectInfo> all = new ArrayList<>(checkpoints(checkpoint.jobId()));
            all.removeIf(other -> other.key().equals(checkpoint));
            all.add(info);
            all.sort(Comparator.comparingLong(other -> ((CheckpointKey) other.key()).step()));
            List<ObjectInfo> expired = all.subList(0, Math.max(0, all.size() - keepLastCheckpoints));
            for (ObjectInfo old : expired) {
                if (old != info) {
                    batch.delete(objects, old.key().encode());
                }
                drop(batch, old.uploadId(), removed);
            }
            if (expired.stream().noneMatch(old -> old == info)) {
                batch.put(objects, key, ManifestCodec.encode(info));
            }
        };
    }

    BatchWork delete(ObjectKey key, List<Long> removed) {
        return batch -> {
            byte[] encoded = key.encode();
            byte[] previous = store.db().get(objects, encoded);
            if (previous != null) {
                batch.delete(objects, encoded);
                drop(batch, ManifestCodec.decode(encoded, previous).uploadId(), removed);
            }
        };
    }

    /** A job's checkpoints, oldest step first. */
    List<ObjectInfo> checkpoints(String jobId) {
        return manifests(ObjectKey.kindPrefix(jobId, ObjectKey.CHECKPOINT), ObjectKey.kindEnd(jobId, ObjectKey.CHECKPOINT));
    }

    List<ObjectInfo> manifests(byte[] lower, byte[] upper) {
        List<ObjectInfo> found = new ArrayList<>();
        try (RangeIterator range = new RangeIterator(store, Family.OBJECTS, lower, upper)) {
            for (range.raw().seekToFirst(); range.valid(); range.raw().next()) {
                found.add(ManifestCodec.decode(range.raw().key(), range.raw().value()));
            }
        }
        return found;
    }

    private void drop(WriteBatch batch, long uploadId, List<Long> removed) throws RocksDBException {
        batch.deleteRange(chunks, Chunks.key(uploadId, 0), Chunks.uploadEnd(uploadId));
        removed.add(uploadId);
    }
}
