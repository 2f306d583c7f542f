package org.gantry.storage.objects;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A job's named artifact, such as a trained model. */
public record ArtifactKey(String jobId, String name) implements ObjectKey {

    public ArtifactKey {
        ObjectKey.requireName("jobId", jobId);
        ObjectKey.requireName("artifact name", name);
    }

    @Override
    public String describe() {
        return "artifact " + name + " of job " + jobId;
    }

    @Override
    public byte[] encode() {
        byte[] prefix = ObjectKey.kindPrefix(jobId, ARTIFACT);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + nameBytes.length).put(prefix).put(nameBytes).array();
    }
}
