package org.gantry.storage.objects;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.gantry.storage.ObjectNotFoundException;
import org.gantry.storage.StorageException;
import org.gantry.storage.rocks.BatchWork;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.RangeIterator;
import org.gantry.storage.rocks.RocksStore;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;

/**
 * Checkpoints and model artifacts of jobs, and tenants' datasets, streamed in and out in chunks (see
 * {@link ObjectWriter} and {@link ObjectReader}), with a manifest per object in the OBJECTS
 * family and the chunks in CHUNKS. Blocking calls: use it from I/O threads, not from actors.
 * Open one per {@link RocksStore}: opening sweeps away chunks no manifest names.
 */
public final class CheckpointStore {

    private static final byte[] FIRST = new byte[0];
    private static final byte[] PAST_LAST = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    private final RocksStore store;
    private final ObjectSettings settings;
    private final ManifestWrites manifests;
    private final SecureRandom uploadIds = new SecureRandom();

    private CheckpointStore(RocksStore store, ObjectSettings settings) {
        this.store = store;
        this.settings = settings;
        this.manifests = new ManifestWrites(store, settings.keepLastCheckpoints());
    }

    public static CheckpointStore open(RocksStore store, ObjectSettings settings) {
        CheckpointStore checkpoints = new CheckpointStore(store, settings);
        checkpoints.sweepOrphanChunks();
        return checkpoints;
    }

    public ObjectSettings settings() {
        return settings;
    }

    /** Starts streaming an object in; nothing is visible until {@link ObjectWriter#commit()}. */
    public ObjectWriter writer(ObjectKey key) {
        return new ObjectWriter(store, key, uploadIds.nextLong(), settings.chunkSize(), info -> publish(info));
    }

    /** Stores everything {@code data} yields under {@code key}. */
    public ObjectInfo put(ObjectKey key, InputStream data) throws IOException {
        try (ObjectWriter writer = writer(key)) {
            data.transferTo(writer);
            return writer.commit();
        }
    }

    /** Opens the object for reading; close the reader when done. */
    public ObjectReader read(ObjectKey key) {
        // Snapshot first, then the manifest under it: manifest and chunks come from one view.
        Snapshot snapshot = store.db().getSnapshot();
        try (ReadOptions atSnapshot = new ReadOptions().setSnapshot(snapshot)) {
            byte[] manifest = store.db().get(store.family(Family.OBJECTS), atSnapshot, key.encode());
            if (manifest == null) {
                throw new ObjectNotFoundException(key.describe());
            }
            return new ObjectReader(store, ManifestCodec.decode(key.encode(), manifest), snapshot);
        } catch (RocksDBException e) {
            store.db().releaseSnapshot(snapshot);
            throw store.errors().onRead(e);
        } catch (RuntimeException e) {
            store.db().releaseSnapshot(snapshot);
            throw e;
        }
    }

    public Optional<ObjectInfo> stat(ObjectKey key) {
        try {
            byte[] manifest = store.db().get(store.family(Family.OBJECTS), key.encode());
            return Optional.ofNullable(manifest).map(value -> ManifestCodec.decode(key.encode(), value));
        } catch (RocksDBException e) {
            throw store.errors().onRead(e);
        }
    }

    /** A job's checkpoints, oldest step first. */
    public List<ObjectInfo> checkpoints(String jobId) {
        return manifests.checkpoints(jobId);
    }

    public Optional<ObjectInfo> latestCheckpoint(String jobId) {
        List<ObjectInfo> all = checkpoints(jobId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** A job's artifacts, by name. */
    public List<ObjectInfo> artifacts(String jobId) {
        return manifests.manifests(ObjectKey.kindPrefix(jobId, ObjectKey.ARTIFACT), ObjectKey.kindEnd(jobId, ObjectKey.ARTIFACT));
    }

    /** A tenant's datasets, by name. */
    public List<ObjectInfo> datasets(String tenant) {
        return manifests.manifests(DatasetKey.tenantPrefix(tenant), DatasetKey.tenantEnd(tenant));
    }

    /** Every tenant's datasets, by tenant and name. */
    public List<ObjectInfo> allDatasets() {
        return manifests.manifests(DatasetKey.allPrefix(), DatasetKey.allEnd());
    }

    /** Deletes the object and its chunks; false when there was none. */
    public boolean delete(ObjectKey key) {
        List<Long> removed = new ArrayList<>();
        commitAlone(manifests.delete(key, removed));
        reclaim(removed);
        return !removed.isEmpty();
    }

    /** Deletes a job's checkpoints, keeping its artifacts; returns how many there were. */
    public int deleteCheckpoints(String jobId) {
        int deleted = 0;
        for (ObjectInfo info : checkpoints(jobId)) {
            deleted += delete(info.key()) ? 1 : 0;
        }
        return deleted;
    }

    /** The jobs that have at least one checkpoint stored, in key order. */
    public List<String> jobsWithCheckpoints() {
        List<String> jobs = new ArrayList<>();
        for (ObjectInfo info : manifests.manifests(FIRST, PAST_LAST)) {
            if (info.key() instanceof CheckpointKey checkpoint
                    && (jobs.isEmpty() || !jobs.get(jobs.size() - 1).equals(checkpoint.jobId()))) {
                jobs.add(checkpoint.jobId());
            }
        }
        return jobs;
    }

    /** Deletes every checkpoint and artifact of a job; returns how many there were. */
    public int deleteJob(String jobId) {
        int deleted = 0;
        for (ObjectInfo info : checkpoints(jobId)) {
            deleted += delete(info.key()) ? 1 : 0;
        }
        for (ObjectInfo info : artifacts(jobId)) {
            deleted += delete(info.key()) ? 1 : 0;
        }
        return deleted;
    }

    private ObjectInfo publish(ObjectInfo info) {
        List<Long> removed = new ArrayList<>();
        commitAlone(manifests.publish(info, removed));
        reclaim(removed);
        return info;
    }

    private void commitAlone(BatchWork work) {
        try {
            store.commitAlone(work).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StorageException s ? s : e;
        }
    }

    /**
     * Compacts the key ranges of deleted uploads right away: their chunks' range tombstones
     * then drop the blob or SST files that held them, so disk space returns now rather than
     * whenever RocksDB next compacts that family.
     */
    private void reclaim(List<Long> uploadIds) {
        ColumnFamilyHandle chunks = store.family(Family.CHUNKS);
        for (long uploadId : uploadIds) {
            try {
                store.db().compactRange(chunks, Chunks.key(uploadId, 0), Chunks.uploadEnd(uploadId));
            } catch (RocksDBException e) {
                // Space comes back at a later compaction; the delete itself is committed.
            }
        }
    }

    /** Removes chunks of uploads that never got a manifest (aborted, or cut short by a crash). */
    private void sweepOrphanChunks() {
        Set<Long> live = new HashSet<>();
        for (ObjectInfo info : manifests.manifests(FIRST, PAST_LAST)) {
            live.add(info.uploadId());
        }
        List<Long> orphans = new ArrayList<>();
        try (RangeIterator range = new RangeIterator(store, Family.CHUNKS, FIRST, PAST_LAST)) {
            range.raw().seekToFirst();
            while (range.valid()) {
                long uploadId = Chunks.uploadId(range.raw().key());
                if (!live.contains(uploadId)) {
                    orphans.add(uploadId);
                }
                range.raw().seek(Chunks.uploadEnd(uploadId));
            }
        }
        if (orphans.isEmpty()) {
            return;
        }
        ColumnFamilyHandle chunks = store.family(Family.CHUNKS);
        commitAlone(batch -> {
            for (long uploadId : orphans) {
                batch.deleteRange(chunks, Chunks.key(uploadId, 0), Chunks.uploadEnd(uploadId));
            }
        });
        reclaim(orphans);
    }
}
