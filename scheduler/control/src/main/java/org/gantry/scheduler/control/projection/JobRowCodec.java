package org.gantry.scheduler.control.projection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.control.job.JobLifecycle;

/**
 * A row's bytes: format version, sequence number, then the stage as Pekko serializes it (the
 * Jackson CBOR binding of {@code Persisted}, whose manifest carries the schema version), so rows
 * evolve with the same migrations as the entities' snapshots.
 */
final class JobRowCodec {
    private static final byte FORMAT = 1;

    private final Serialization serialization;

    JobRowCodec(Serialization serialization) {
        this.serialization = serialization;
    }

    byte[] encode(JobRow row) {
        Serializer serializer = serialization.findSerializerFor(row.stage());
        byte[] stage = serializer.toBinary(row.stage());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(stage.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(row.seqNr());
            out.writeInt(serializer.identifier());
            out.writeUTF(Serializers.manifestFor(serializer, row.stage()));
            out.write(stage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    JobRow decode(JobId id, byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("job row of " + id + " has unknown format " + format);
            }
            long seqNr = in.readLong();
            int serializerId = in.readInt();
            String manifest = in.readUTF();
            byte[] stage = in.readAllBytes();
            Object decoded = serialization.deserialize(stage, serializerId, manifest).get();
            return new JobRow(id, seqNr, (JobLifecycle.Known) decoded);
        } catch (IOException e) {
            throw new UncheckedIOException("job row of " + id + " is unreadable", e);
        }
    }
}
