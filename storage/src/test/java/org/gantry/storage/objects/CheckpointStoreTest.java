package org.gantry.storage.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gantry.storage.ChecksumMismatchException;
import org.gantry.storage.ObjectNotFoundException;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.RangeIterator;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointStoreTest {

    private static final int CHUNK = 64 * 1024;

    private final Path dir = TestStores.tempDir("objects");
    private RocksStore store = RocksStore.open(StoreSettings.durable(dir));
    private CheckpointStore objects = CheckpointStore.open(store, new ObjectSettings(CHUNK, 3));

    @AfterEach
    void cleanUp() {
        store.close();
        TestStores.deleteRecursively(dir);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, CHUNK - 1, CHUNK, 3L * CHUNK + 17})
    void objectsComeBackByteForByteWithTheirDigest(long size) throws IOException {
        ArtifactKey key = new ArtifactKey("job-1", "model.params");
        ObjectInfo info = objects.put(key, new PatternStream(size, size));

        assertThat(info.size()).isEqualTo(size);
        assertThat(info.chunkCount()).isEqualTo((size + CHUNK - 1) / CHUNK);
        assertThat(objects.stat(key)).contains(info);
        try (ObjectReader reader = objects.read(key)) {
            assertThat(PatternStream.sameAs(size, size, reader)).isTrue();
        }
    }

    @Test
    void aGigabyteStreamsThroughWithoutSittingInMemory() throws IOException {
        long size = 1100L * 1024 * 1024; // more than the test JVM's whole heap (-Xmx1g)
        CheckpointKey key = new CheckpointKey("big-job", 1);
        objects.put(key, new PatternStream(7, size));
        try (ObjectReader reader = objects.read(key)) {
            assertThat(PatternStream.sameAs(7, size, reader)).isTrue();
        }
    }

    @Test
    void onlyTheLastCheckpointsOfAJobAreKept() throws IOException {
        for (long step : new long[] {100, 300, 200, 400, 500}) {
            objects.put(new CheckpointKey("job-1", step), new PatternStream(step, 1000));
        }
        objects.put(new CheckpointKey("job-2", 1), new PatternStream(1, 10));

        assertThat(steps(objects.checkpoints("job-1"))).containsExactly(300L, 400L, 500L);
        assertThat(objects.latestCheckpoint("job-1")).map(info -> info.key()).contains(new CheckpointKey("job-1", 500));
        assertThat(steps(objects.checkpoints("job-2"))).containsExactly(1L);

        // A checkpoint older than every kept one is not kept either.
        objects.put(new CheckpointKey("job-1", 50), new PatternStream(50, 1000));
        assertThat(steps(objects.checkpoints("job-1"))).containsExactly(300L, 400L, 500L);
        assertThat(liveUploads()).isEqualTo(4); // 3 of job-1, 1 of job-2: dropped chunks are gone
    }

    @Test
    void anUploadWhoseDigestIsNotTheSendersIsRefusedAndThePreviousCheckpointStays() throws IOException {
        ObjectInfo first = objects.put(new CheckpointKey("job-1", 1), new PatternStream(1, 3 * CHUNK));
        ObjectWriter writer = objects.writer(new CheckpointKey("job-1", 2));
        new PatternStream(2, 2 * CHUNK).transferTo(writer);

        assertThatThrownBy(() -> writer.commit("00".repeat(32))).isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("checkpoint step 2 of job job-1");
        assertThat(objects.latestCheckpoint("job-1")).contains(first);
        assertThat(liveUploads()).isEqualTo(1);

        ObjectWriter good = objects.writer(new CheckpointKey("job-1", 3));
        new PatternStream(3, 10).transferTo(good);
        java.security.MessageDigest sha = sha256();
        sha.update(new PatternStream(3, 10).readAllBytes());
        String hex = java.util.HexFormat.of().formatHex(sha.digest());
        ObjectInfo stored = good.commit(hex);
        assertThat(stored.key()).isEqualTo(new CheckpointKey("job-1", 3));
        assertThat(stored.sha256()).isEqualTo(hex);
        try (ObjectReader reader = objects.read(stored.key())) {
            assertThat(PatternStream.sameAs(3, 10, reader)).isTrue();
        }
    }

    @Test
    void datasetsBelongToTenantsAndStayOutOfEveryJobsRange() throws IOException {
        objects.put(new DatasetKey("acme", "houses"), new PatternStream(1, 100));
        objects.put(new DatasetKey("acme", "cars"), new PatternStream(2, 10));
        objects.put(new DatasetKey("acme-2", "houses"), new PatternStream(3, 10));
        objects.put(new CheckpointKey("acme", 1), new PatternStream(4, 10)); // a job named like the tenant

        assertThat(objects.datasets("acme")).extracting(ObjectInfo::key)
                .containsExactly(new DatasetKey("acme", "cars"), new DatasetKey("acme", "houses"));
        assertThat(objects.datasets("acme-2")).extracting(ObjectInfo::key).containsExactly(new DatasetKey("acme-2", "houses"));
        assertThat(objects.jobsWithCheckpoints()).containsExactly("acme");
        assertThat(objects.deleteJob("acme")).isEqualTo(1);
        assertThat(objects.datasets("acme")).hasSize(2);
        assertThat(ObjectKey.decode(new DatasetKey("acme", "houses").encode())).isEqualTo(new DatasetKey("acme", "houses"));

        assertThat(objects.delete(new DatasetKey("acme", "cars"))).isTrue();
        assertThat(objects.datasets("acme")).extracting(ObjectInfo::key).containsExactly(new DatasetKey("acme", "houses"));
    }

    @Test
    void aJobsCheckpointsGoWithoutItsArtifacts() throws IOException {
        objects.put(new CheckpointKey("job-1", 1), new PatternStream(1, 10));
        objects.put(new CheckpointKey("job-1", 2), new PatternStream(2, 10));
        objects.put(new ArtifactKey("job-1", "model"), new PatternStream(3, 10));
        objects.put(new ArtifactKey("job-0", "model"), new PatternStream(4, 10));
        objects.put(new CheckpointKey("job-2", 1), new PatternStream(5, 10));

        assertThat(objects.jobsWithCheckpoints()).containsExactly("job-1", "job-2");
        assertThat(objects.deleteCheckpoints("job-1")).isEqualTo(2);
        assertThat(objects.checkpoints("job-1")).isEmpty();
        assertThat(objects.artifacts("job-1")).hasSize(1);
        assertThat(objects.jobsWithCheckpoints()).containsExactly("job-2");
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void replacingAnObjectDropsTheOldChunksAndDeleteDropsTheRest() throws IOException {
        ArtifactKey key = new ArtifactKey("job-1", "model");
        objects.put(key, new PatternStream(1, 5 * CHUNK));
        ObjectInfo second = objects.put(key, new PatternStream(2, 2 * CHUNK));
        objects.put(new ArtifactKey("job-1", "metrics.csv"), new PatternStream(3, 10));

        assertThat(objects.artifacts("job-1")).extracting(ObjectInfo::key)
                .containsExactly(new ArtifactKey("job-1", "metrics.csv"), key);
        assertThat(objects.stat(key)).contains(second);
        assertThat(liveUploads()).isEqualTo(2);

        assertThat(objects.delete(key)).isTrue();
        assertThat(objects.delete(key)).isFalse();
        assertThatThrownBy(() -> objects.read(key)).isInstanceOf(ObjectNotFoundException.class)
                .hasMessage("no stored object artifact model of job job-1");
        assertThat(objects.deleteJob("job-1")).isEqualTo(1);
        assertThat(liveUploads()).isZero();
    }

    @Test
    void aReadInProgressIsNotDisturbedByDeletion() throws IOException {
        CheckpointKey key = new CheckpointKey("job-1", 1);
        objects.put(key, new PatternStream(9, 4 * CHUNK));
        try (ObjectReader reader = objects.read(key)) {
            objects.delete(key);
            assertThat(PatternStream.sameAs(9, 4 * CHUNK, reader)).isTrue();
        }
    }

    @Test
    void aCorruptChunkFailsTheReadNamingTheObjectAndNoWrongByteIsReturned() throws Exception {
        CheckpointKey key = new CheckpointKey("job-7", 3);
        ObjectInfo info = objects.put(key, new PatternStream(5, 3 * CHUNK));
        byte[] chunkKey = Chunks.key(info.uploadId(), 1);
        byte[] value = store.db().get(store.family(Family.CHUNKS), chunkKey);
        value[1000] ^= 0x01; // one flipped bit in the middle chunk
        store.db().put(store.family(Family.CHUNKS), chunkKey, value);

        ByteArrayOutputStream returned = new ByteArrayOutputStream();
        try (ObjectReader reader = objects.read(key)) {
            assertThatThrownBy(() -> copy(reader, returned))
                    .isInstanceOf(ChecksumMismatchException.class)
                    .hasMessage("checksum mismatch in checkpoint step 3 of job job-7: chunk 1 of 3 fails its CRC32C;"
                            + " the stored copy is corrupt");
        }
        // Everything handed out before the failure is the intact first chunk.
        assertThat(returned.size()).isEqualTo(CHUNK);
        assertThat(PatternStream.sameAs(5, CHUNK, new java.io.ByteArrayInputStream(returned.toByteArray()))).isTrue();
    }

    @Test
    void corruptionOnDiskIsReportedAsAChecksumMismatchOfTheObject() throws Exception {
        CheckpointKey key = new CheckpointKey("job-8", 1);
        objects.put(key, new PatternStream(6, 4 * CHUNK));
        store.close();
        Path blobFile;
        try (Stream<Path> files = Files.list(dir)) {
            blobFile = files.filter(p -> p.toString().endsWith(".blob")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(blobFile);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(blobFile, bytes);

        store = RocksStore.open(StoreSettings.durable(dir));
        objects = CheckpointStore.open(store, new ObjectSettings(CHUNK, 3));
        try (ObjectReader reader = objects.read(key)) {
            assertThatThrownBy(() -> copy(reader, new ByteArrayOutputStream()))
                    .isInstanceOf(ChecksumMismatchException.class)
                    .hasMessageStartingWith("checksum mismatch in checkpoint step 1 of job job-8: chunk ");
        }
    }

    @Test
    void uploadsThatNeverCommitLeaveNoChunksBehind() throws Exception {
        ObjectWriter abandoned = objects.writer(new CheckpointKey("job-1", 1));
        abandoned.write(new byte[3 * CHUNK]);
        abandoned.close(); // closed without commit
        assertThat(liveUploads()).isZero();

        ObjectWriter cutShort = objects.writer(new CheckpointKey("job-1", 2));
        cutShort.write(new byte[3 * CHUNK]);
        store.db().flush(new org.rocksdb.FlushOptions().setWaitForFlush(true), store.family(Family.CHUNKS));
        assertThat(liveUploads()).isEqualTo(1);
        // As after a crash: reopening sweeps chunks that no manifest names.
        store.close();
        store = RocksStore.open(StoreSettings.durable(dir));
        objects = CheckpointStore.open(store, new ObjectSettings(CHUNK, 3));
        assertThat(liveUploads()).isZero();
        assertThat(objects.checkpoints("job-1")).isEmpty();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
        }
    }

    private static List<Long> steps(List<ObjectInfo> infos) {
        return infos.stream().map(info -> ((CheckpointKey) info.key()).step()).toList();
    }

    /** Distinct upload ids that still have chunks stored. */
    private long liveUploads() {
        long uploads = 0;
        long last = 0;
        try (RangeIterator range = new RangeIterator(store, Family.CHUNKS, new byte[0],
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                    (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})) {
            for (range.raw().seekToFirst(); range.valid(); range.raw().next()) {
                long uploadId = Chunks.uploadId(range.raw().key());
                if (uploads == 0 || uploadId != last) {
                    uploads++;
                    last = uploadId;
                }
            }
        }
        return uploads;
    }
}
