package org.gantry.storage.objects;

import java.nio.ByteBuffer;

/** A job's checkpoint at a training step; the store keeps the last few per job. */
public record CheckpointKey(String jobId, long step) implements ObjectKey {

    public CheckpointKey {
        ObjectKey.requireName("jobId", jobId);
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint step must not be negative, was " + step);
        }
    }

    @Override
    public String describe() {
        return "checkpoint step " + step + " of job " + jobId;
    }

    @Override
    public byte[] encode() {
        byte[] prefix = ObjectKey.kindPrefix(jobId, CHECKPOINT);
        return ByteBuffer.allocate(prefix.length + Long.BYTES).put(prefix).putLong(step).array();
    }
}
