package org.gantry.storage.objects;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The name of a stored object: a job's checkpoint at a training step, a job's named model
 * artifact, or a tenant's dataset. Job keys sort by job, then kind, then step (numerically) or
 * name, so one job's checkpoints are one contiguous, ordered range; datasets (a leading zero
 * byte) sort before them all, by tenant and name.
 */
public sealed interface ObjectKey permits CheckpointKey, ArtifactKey, DatasetKey {

    byte CHECKPOINT = 'C';
    byte ARTIFACT = 'A';
    byte DATASET = 'D';

    /** Words for messages: {@code checkpoint step 1200 of job j-42}. */
    String describe();

    byte[] encode();

    /** The first key of a job's objects of one kind; all of them lie in [this, kindEnd). */
    static byte[] kindPrefix(String jobId, byte kind) {
        requireName("jobId", jobId);
        byte[] job = jobId.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = Arrays.copyOf(job, job.length + 2); // job, 0x00 separator, kind
        prefix[prefix.length - 1] = kind;
        return prefix;
    }

    static byte[] kindEnd(String jobId, byte kind) {
        byte[] end = kindPrefix(jobId, kind);
        end[end.length - 1]++;
        return end;
    }

    static ObjectKey decode(byte[] key) {
        if (key.length > 1 && key[0] == 0 && key[1] == DATASET) {
            return DatasetKey.decode(key);
        }
        int separator = 0;
        while (key[separator] != 0) {
            separator++;
        }
        String jobId = new String(key, 0, separator, StandardCharsets.UTF_8);
        int rest = separator + 2;
        return switch (key[separator + 1]) {
            case CHECKPOINT -> new CheckpointKey(jobId, ByteBuffer.wrap(key, rest, Long.BYTES).getLong());
            case ARTIFACT -> new ArtifactKey(jobId, new String(key, rest, key.length - rest, StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("not an object key: " + Arrays.toString(key));
        };
    }

    static void requireName(String what, String value) {
        if (value == null || value.isEmpty() || value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException(what + " must be non-empty and free of U+0000, was [" + value + "]");
        }
    }
}
